import { inject, InjectionToken } from '@angular/core';
import { LIVE_SUMMARIES, liveOverviewDoc, newestSummary, paths, type LiveOverviewDoc } from '@pulseboard/contracts';
import type { Observable } from 'rxjs';
import { combinedLive } from '../firebase/combined-live';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';

/**
 * The overview's listeners, behind an interface so the fleet store is unit-testable: the tenant's
 * two summaries (LIVE_SUMMARIES), whatever the size of the fleet. The fold rewrites each at most
 * once a second, half a second apart (docs/DATA-MODEL.md, "The live overview"), so an open
 * overview receives at most two documents a second from them, however many agents report.
 */
export interface FleetGateway {
  /** The tenant's newest live summary; null until the first batch has been folded. */
  watchOverview(tenantId: string): Observable<Live<LiveOverviewDoc | null>>;
}

class FirestoreFleetGateway implements FleetGateway {
  private readonly live = inject(LiveSnapshots);

  watchOverview(tenantId: string): Observable<Live<LiveOverviewDoc | null>> {
    const summaries = LIVE_SUMMARIES.map((summary) => this.live.document(this.live.docRef(paths.liveOverview(tenantId, summary), liveOverviewDoc)));
    return combinedLive(summaries, newestSummary);
  }
}

export const FLEET_GATEWAY = new InjectionToken<FleetGateway>('FleetGateway', {
  providedIn: 'root',
  factory: () => new FirestoreFleetGateway(),
});
