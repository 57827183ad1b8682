import { inject, Injectable } from '@angular/core';
import {
  fleetWindowDoc,
  hostDoc,
  paths,
  tenantDoc,
  type FleetWindowDoc,
  type HostDoc,
  type TenantDoc,
} from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots } from '../firebase/live-snapshots';

/** Windows on each sparkline: the last five minutes. */
export const SPARKLINE_WINDOWS = 30;
/** Upper bound on ingest's shards per window; the query reads this many windows' worth. */
const MAX_SHARDS_PER_WINDOW = 16;

/** The overview's listeners, behind one class so the fleet store is unit-testable. */
@Injectable({ providedIn: 'root' })
export class FleetGateway {
  private readonly live = inject(LiveSnapshots);

  recentShards$(tenantId: string): Observable<readonly FleetWindowDoc[]> {
    const recent = query(
      this.live.collectionRef(paths.fleetWindows(tenantId), fleetWindowDoc),
      where('resolution', '==', '10s'),
      orderBy('start', 'desc'),
      limit(SPARKLINE_WINDOWS * MAX_SHARDS_PER_WINDOW),
    );
    return this.live.query(recent).pipe(map((shards) => shards.value));
  }

  hosts$(tenantId: string): Observable<readonly HostDoc[]> {
    return this.live.query(this.live.collectionRef(paths.hosts(tenantId), hostDoc)).pipe(map((hosts) => hosts.value));
  }

  tenant$(tenantId: string): Observable<TenantDoc | null> {
    return this.live.document(this.live.docRef(paths.tenant(tenantId), tenantDoc)).pipe(map((tenant) => tenant.value));
  }
}
