import { OVERVIEW_VIEWER_HEARTBEAT_MS } from '@pulseboard/contracts';
import { filter, fromEvent, merge, throttleTime, timer, type Observable } from 'rxjs';

/** What the heartbeat looks at of the page: whether it is visible, and when that changes. */
export type PageVisibility = Pick<Document, 'visibilityState'> & EventTarget;

/**
 * When an open overview says someone watches (docs/DATA-MODEL.md, "Who pays for the mid-slot
 * summary"): at once, every OVERVIEW_VIEWER_HEARTBEAT_MS while the page is visible, and as it
 * becomes visible again; half a heartbeat apart at least, so switching tabs costs no more writes.
 */
export function viewerHeartbeats(page: PageVisibility): Observable<unknown> {
  return merge(timer(0, OVERVIEW_VIEWER_HEARTBEAT_MS), fromEvent(page, 'visibilitychange')).pipe(
    filter(() => page.visibilityState === 'visible'),
    throttleTime(OVERVIEW_VIEWER_HEARTBEAT_MS / 2),
  );
}
