import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatLastSeen, madeInNextTask } from './last-seen';

const now = Date.parse('2026-12-02T08:00:00Z');
const ago = (seconds: number) => formatLastSeen(now - seconds * 1_000, now);

describe('formatLastSeen', () => {
  it('says now for under a second, and never a time in the future', () => {
    expect([ago(0), ago(0.9), ago(-5)]).toEqual(['now', 'now', 'now']);
  });

  it('counts whole seconds, then minutes, hours and days', () => {
    expect([ago(42), ago(59.9), ago(60), ago(3 * 60 + 59), ago(2 * 3_600), ago(86_400), ago(3 * 86_400)]).toEqual([
      '42s ago',
      '59s ago',
      '1m ago',
      '3m ago',
      '2h ago',
      'yesterday',
      '3d ago',
    ]);
  });
});

describe('madeInNextTask', () => {
  afterEach(() => vi.useRealTimers());

  it('makes its value in a task after the one that asked, once, and gives it at every read', () => {
    vi.useFakeTimers();
    const make = vi.fn(() => ({ made: true }));
    const value = madeInNextTask(make);
    expect(make).not.toHaveBeenCalled();
    vi.runOnlyPendingTimers();
    expect(make).toHaveBeenCalledOnce();
    expect(value()).toBe(value());
    expect(make).toHaveBeenCalledOnce();
  });

  it('makes its value at the first read when that comes before the task, and not again in it', () => {
    vi.useFakeTimers();
    const make = vi.fn(() => ({ made: true }));
    const value = madeInNextTask(make);
    const first = value();
    vi.runOnlyPendingTimers();
    expect(make).toHaveBeenCalledOnce();
    expect(value()).toBe(first);
  });
});
