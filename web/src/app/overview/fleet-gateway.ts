import { inject, Injectable } from '@angular/core';
import { liveOverviewDoc, paths, tenantDoc, type LiveOverviewDoc, type TenantDoc } from '@pulseboard/contracts';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots } from '../firebase/live-snapshots';

/**
 * The overview's listeners, behind one class so the fleet store is unit-testable: two documents,
 * whatever the size of the fleet. The summary is rewritten at most once a second by the fold
 * (docs/DATA-MODEL.md, "The live overview"), so an open overview receives at most one document a
 * second from it, however many agents report.
 */
@Injectable({ providedIn: 'root' })
export class FleetGateway {
  private readonly live = inject(LiveSnapshots);

  /** The tenant's live summary; null until the first batch has been folded. */
  liveOverview$(tenantId: string): Observable<LiveOverviewDoc | null> {
    return this.live.document(this.live.docRef(paths.liveOverview(tenantId), liveOverviewDoc)).pipe(map((overview) => overview.value));
  }

  tenant$(tenantId: string): Observable<TenantDoc | null> {
    return this.live.document(this.live.docRef(paths.tenant(tenantId), tenantDoc)).pipe(map((tenant) => tenant.value));
  }
}
