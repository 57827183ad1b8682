import { inject, InjectionToken } from '@angular/core';
import { liveOverviewDoc, paths, type LiveOverviewDoc } from '@pulseboard/contracts';
import type { Observable } from 'rxjs';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';

/**
 * The overview's listener, behind an interface so the fleet store is unit-testable: one document,
 * whatever the size of the fleet. The summary is rewritten at most once a second by the fold
 * (docs/DATA-MODEL.md, "The live overview"), so an open overview receives at most one document a
 * second from it, however many agents report.
 */
export interface FleetGateway {
  /** The tenant's live summary; null until the first batch has been folded. */
  watchOverview(tenantId: string): Observable<Live<LiveOverviewDoc | null>>;
}

class FirestoreFleetGateway implements FleetGateway {
  private readonly live = inject(LiveSnapshots);

  watchOverview(tenantId: string): Observable<Live<LiveOverviewDoc | null>> {
    return this.live.document(this.live.docRef(paths.liveOverview(tenantId), liveOverviewDoc));
  }
}

export const FLEET_GATEWAY = new InjectionToken<FleetGateway>('FleetGateway', {
  providedIn: 'root',
  factory: () => new FirestoreFleetGateway(),
});
