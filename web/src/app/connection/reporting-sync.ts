import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { ListenerSync, SnapshotSync } from './connection-status';

/**
 * How long a listener may go without the backend's answer before it counts as not live. The SDK
 * answers from its cache at once and the backend well within this; a listener the backend has not
 * answered by then is stuck (seen in bench:ui: one listener of a page never answered while its others
 * were live, and the page showed blank cards under a "live" badge) or cut off.
 */
export const UNANSWERED_AFTER_MS = 10_000;

/**
 * Reports each snapshot's sync state, marked as awaiting the backend until the backend first answers,
 * and a listener the backend has not answered within `unansweredAfterMs` as serving the cache, no
 * longer awaiting, so the connection status stops saying "live" for it.
 */
export function reportingSync<T extends SnapshotSync>(
  report: (sync: ListenerSync) => void,
  unansweredAfterMs = UNANSWERED_AFTER_MS,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let awaitingBackend = true;
      let hasPendingWrites = false;
      const unanswered = setTimeout(() => {
        awaitingBackend = false;
        report({ fromCache: true, hasPendingWrites, awaitingBackend });
      }, unansweredAfterMs);
      const subscription = source.subscribe({
        next: (latest) => {
          if (!latest.fromCache) {
            awaitingBackend = false;
            clearTimeout(unanswered);
          }
          hasPendingWrites = latest.hasPendingWrites;
          report({ fromCache: latest.fromCache, hasPendingWrites, awaitingBackend });
          subscriber.next(latest);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        clearTimeout(unanswered);
        subscription.unsubscribe();
      };
    });
}
