import { DOCUMENT, ErrorHandler, inject, InjectionToken } from '@angular/core';
import { Auth } from '@angular/fire/auth';
import { Firestore } from '@angular/fire/firestore';
import { doc, serverTimestamp, setDoc } from 'firebase/firestore';
import { LIVE_SUMMARIES, liveOverviewDoc, newestSummary, paths, type LiveOverviewDoc } from '@pulseboard/contracts';
import { EMPTY, exhaustMap, ignoreElements, merge, type Observable } from 'rxjs';
import { combinedLive } from '../firebase/combined-live';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';
import { viewerHeartbeats } from './viewer-heartbeat';

/**
 * The overview's listeners, behind an interface so the fleet store is unit-testable: the tenant's
 * two summaries (LIVE_SUMMARIES), whatever the size of the fleet. The fold rewrites each at most
 * once a second, half a second apart (docs/DATA-MODEL.md, "The live overview"), so an open
 * overview receives at most two documents a second from them, however many agents report.
 */
export interface FleetGateway {
  /**
   * The tenant's newest live summary; null until the first batch has been folded. While it is
   * followed and the page is visible, the viewer's heartbeat says someone watches, which is what
   * has the mid-slot summary folded at all.
   */
  watchOverview(tenantId: string): Observable<Live<LiveOverviewDoc | null>>;
}

class FirestoreFleetGateway implements FleetGateway {
  private readonly live = inject(LiveSnapshots);
  private readonly firestore = inject(Firestore);
  private readonly auth = inject(Auth);
  private readonly errors = inject(ErrorHandler);
  private readonly document = inject(DOCUMENT);

  watchOverview(tenantId: string): Observable<Live<LiveOverviewDoc | null>> {
    const summaries = LIVE_SUMMARIES.map((summary) => this.live.document(this.live.docRef(paths.liveOverview(tenantId, summary), liveOverviewDoc)));
    return merge(combinedLive(summaries, newestSummary), this.heartbeat(tenantId));
  }

  /** The viewer's document set to the server's time (all the rules accept) at each of viewerHeartbeats. Emits nothing. */
  private heartbeat(tenantId: string): Observable<never> {
    const uid = this.auth.currentUser?.uid;
    if (uid === undefined) return EMPTY;
    const viewer = doc(this.firestore, paths.overviewViewer(tenantId, uid));
    return viewerHeartbeats(this.document).pipe(
      // One write in flight at most: offline the SDK holds it until the connection is back, and the
      // beats meanwhile are dropped rather than queued behind it.
      exhaustMap(() => setDoc(viewer, { viewedAt: serverTimestamp() }).catch((error: unknown) => this.errors.handleError(error))),
      ignoreElements(),
    );
  }
}

export const FLEET_GATEWAY = new InjectionToken<FleetGateway>('FleetGateway', {
  providedIn: 'root',
  factory: () => new FirestoreFleetGateway(),
});
