import { Subject, type Subscription } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListenerSync, SnapshotSync } from './connection-status';
import { reportingSync } from './reporting-sync';

const fromBackend: SnapshotSync = { fromCache: false, hasPendingWrites: false };
const fromCache: SnapshotSync = { fromCache: true, hasPendingWrites: false };

describe('reportingSync', () => {
  let snapshots: Subject<SnapshotSync>;
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

  it('reports every snapshot as it comes, awaiting the backend until it first answers', () => {
    snapshots.next(fromCache);
    snapshots.next(fromBackend);
    snapshots.next(fromCache);
    expect(reports).toEqual([
      { ...fromCache, awaitingBackend: true },
      { ...fromBackend, awaitingBackend: false },
      { ...fromCache, awaitingBackend: false },
    ]);
  });

  it('reports a listener that has not answered in time as serving the cache, no longer awaiting', () => {
    vi.advanceTimersByTime(9_999);
    expect(reports).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(reports).toEqual([{ ...fromCache, awaitingBackend: false }]);
    snapshots.next(fromBackend);
    expect(reports.at(-1)).toEqual({ ...fromBackend, awaitingBackend: false });
  });

  it('reports a listener only its cache answered in time as no longer awaiting, keeping its pending writes', () => {
    snapshots.next({ fromCache: true, hasPendingWrites: true });
    vi.advanceTimersByTime(10_000);
    expect(reports).toEqual([
      { fromCache: true, hasPendingWrites: true, awaitingBackend: true },
      { fromCache: true, hasPendingWrites: true, awaitingBackend: false },
    ]);
    snapshots.next(fromCache);
    expect(reports.at(-1)).toEqual({ ...fromCache, awaitingBackend: false });
  });

  it('says nothing more once the backend has answered, however long it then stays quiet', () => {
    snapshots.next(fromBackend);
    vi.advanceTimersByTime(60_000);
    expect(reports).toEqual([{ ...fromBackend, awaitingBackend: false }]);
  });

  it('says nothing after it is unsubscribed', () => {
    subscription.unsubscribe();
    vi.advanceTimersByTime(60_000);
    expect(reports).toEqual([]);
  });
});
