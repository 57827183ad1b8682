import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameGate } from './frame-gate';

/** One listener behind the gate: what it was sent, and what it delivered. */
function listener(gate: FrameGate) {
  const snapshots = new Subject<string>();
  const delivered: string[] = [];
  const subscription = snapshots.pipe(gate.coalesce()).subscribe((value) => delivered.push(value));
  return { snapshots, delivered, subscription };
}

/** The end of the current task (its timers of 0 ms), then the next animation frame. */
const endOfTask = () => vi.advanceTimersByTime(0);
const nextFrame = () => vi.advanceTimersToNextFrame();

describe('FrameGate', () => {
  let gate: FrameGate;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
    gate = TestBed.inject(FrameGate);
  });
  afterEach(() => vi.useRealTimers());

  it('delivers the first snapshot of a frame at once, not in the next frame', () => {
    const host = listener(gate);
    host.snapshots.next('cpu 99');
    expect(host.delivered).toEqual(['cpu 99']);
  });

  it("delivers every listener's snapshot raised in the same task at once", () => {
    const host = listener(gate);
    const alerts = listener(gate);
    host.snapshots.next('cpu 99');
    alerts.snapshots.next('critical');
    expect([host.delivered, alerts.delivered]).toEqual([['cpu 99'], ['critical']]);
  });

  it("holds a later task's snapshots to the next frame, and delivers only each listener's newest there", () => {
    const host = listener(gate);
    const alerts = listener(gate);
    host.snapshots.next('cpu 99');
    endOfTask();
    host.snapshots.next('cpu 1');
    host.snapshots.next('cpu 50');
    alerts.snapshots.next('resolved');
    expect([host.delivered, alerts.delivered]).toEqual([['cpu 99'], []]);
    nextFrame();
    expect([host.delivered, alerts.delivered]).toEqual([['cpu 99', 'cpu 50'], ['resolved']]);
  });

  it('keeps the frame after a held delivery for its render, then opens again', () => {
    const host = listener(gate);
    host.snapshots.next('a');
    endOfTask();
    host.snapshots.next('b');
    nextFrame();
    host.snapshots.next('c');
    expect(host.delivered).toEqual(['a', 'b']);
    nextFrame();
    expect(host.delivered).toEqual(['a', 'b', 'c']);
    nextFrame();
    host.snapshots.next('d');
    expect(host.delivered).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops what a listener left waiting when it stops', () => {
    const host = listener(gate);
    const other = listener(gate);
    other.snapshots.next('first');
    endOfTask();
    host.snapshots.next('late');
    host.subscription.unsubscribe();
    nextFrame();
    expect(host.delivered).toEqual([]);
  });
});
