import { asapScheduler, auditTime, combineLatest, map, type Observable } from 'rxjs';
import type { Live } from './live-snapshots';

/**
 * Several listeners shown as one value: nothing until each has answered once, then one value per
 * task however many answered in it (the first answers arrive together), from the cache while any
 * of them is.
 */
export function combinedLive<T, R>(sources: readonly Observable<Live<T>>[], combine: (values: T[]) => R): Observable<Live<R>> {
  return combineLatest(sources).pipe(
    auditTime(0, asapScheduler),
    map((snapshots) => ({
      value: combine(snapshots.map((snapshot) => snapshot.value)),
      fromCache: snapshots.some((snapshot) => snapshot.fromCache),
      hasPendingWrites: snapshots.some((snapshot) => snapshot.hasPendingWrites),
    })),
  );
}
