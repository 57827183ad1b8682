import { TestBed } from '@angular/core/testing';
import { signalStore } from '@ngrx/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withClock } from './with-clock';

const ClockTestStore = signalStore(withClock(1_000));

describe('withClock', () => {
  beforeEach(() => {
    TestBed.resetTestingModule();
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setInterval', 'clearInterval', 'requestAnimationFrame'] });
    TestBed.configureTestingModule({ providers: [ClockTestStore] });
  });

  afterEach(() => vi.useRealTimers());

  it('starts at the moment the store is created and moves every period, at once when nothing else changed in that frame', () => {
    const store = TestBed.inject(ClockTestStore);
    expect(store.now()).toBe(1_000_000);
    vi.advanceTimersByTime(1_000);
    expect(store.now()).toBe(1_001_000);
  });

  it('stops with the store', () => {
    TestBed.inject(ClockTestStore);
    expect(vi.getTimerCount()).toBe(1);
    TestBed.resetTestingModule();
    expect(vi.getTimerCount()).toBe(0);
  });
});
