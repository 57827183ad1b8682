import { Subject, type Subscription } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListenerSync } from './connection-status';
import { reportingSync } from './reporting-sync';

const served = { fromCache: false, hasPendingWrites: false };

describe('reportingSync', () => {
  let snapshots: Subject<ListenerSync>;
  let reports: ListenerSync[];
  let subscription: Subscription;

  beforeEach(() => {
    vi.useFakeTimers();
    snapshots = new Subject();
    reports = [];
    subscription = snapshots.pipe(reportingSync((sync) => reports.push(sync), 10_000)).subscribe();
  });

  afterEach(() => {
    subscription.unsubscribe();
    vi.useRealTimers();
  });

  it('reports every snapshot as it comes', () => {
    snapshots.next({ fromCache: true, hasPendingWrites: false });
    snapshots.next(served);
    expect(reports).toEqual([{ fromCache: true, hasPendingWrites: false }, served]);
  });

  it('reports a listener that has not answered in time as not live', () => {
    vi.advanceTimersByTime(9_999);
    expect(reports).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(reports).toEqual([{ fromCache: true, hasPendingWrites: false }]);
    snapshots.next(served);
    expect(reports.at(-1)).toEqual(served);
  });

  it('says nothing more once the listener has answered, however long it then stays quiet', () => {
    snapshots.next(served);
    vi.advanceTimersByTime(60_000);
    expect(reports).toEqual([served]);
  });

  it('says nothing after it is unsubscribed', () => {
    subscription.unsubscribe();
    vi.advanceTimersByTime(60_000);
    expect(reports).toEqual([]);
  });
});
