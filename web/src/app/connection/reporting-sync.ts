import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { ListenerSync } from './connection-status';

/**
 * How long a listener may go unanswered before it counts as not live. The SDK answers from its
 * cache or the backend well within this; one that has said nothing by then is stuck (seen in
 * bench:ui: one listener of a page never answered while its others were live, and the page showed
 * blank cards under a "live" badge).
 */
export const UNANSWERED_AFTER_MS = 10_000;

/**
 * Reports each snapshot's sync state, and a listener that has not answered within `unansweredAfterMs`
 * as serving nothing but the cache, so the connection status stops saying "live" for it.
 */
export function reportingSync<T extends ListenerSync>(
  report: (sync: ListenerSync) => void,
  unansweredAfterMs = UNANSWERED_AFTER_MS,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      const unanswered = setTimeout(() => report({ fromCache: true, hasPendingWrites: false }), unansweredAfterMs);
      const subscription = source.subscribe({
        next: (latest) => {
          clearTimeout(unanswered);
          report(latest);
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
