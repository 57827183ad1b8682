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
import { withoutCutWindow } from './fleet-summary';

/** Windows on each sparkline: the last five minutes. */
export const SPARKLINE_WINDOWS = 30;
/**
 * Shards read per sparkline window on average. A window of a busy fleet has more (up to
 * FLEET_SHARDS); then the sparkline holds fewer windows, never a partial one (withoutCutWindow).
 */
const SHARDS_PER_WINDOW_BUDGET = 16;
const RECENT_SHARDS_LIMIT = SPARKLINE_WINDOWS * SHARDS_PER_WINDOW_BUDGET;

/** The overview's listeners, behind one class so the fleet store is unit-testable. */
@Injectable({ providedIn: 'root' })
export class FleetGateway {
  private readonly live = inject(LiveSnapshots);

  recentShards$(tenantId: string): Observable<readonly FleetWindowDoc[]> {
    const recent = query(
      this.live.collectionRef(paths.fleetWindows(tenantId), fleetWindowDoc),
      where('resolution', '==', '10s'),
      orderBy('start', 'desc'),
      limit(RECENT_SHARDS_LIMIT),
    );
    return this.live.query(recent).pipe(map((shards) => withoutCutWindow(shards.value, RECENT_SHARDS_LIMIT)));
  }

  hosts$(tenantId: string): Observable<readonly HostDoc[]> {
    return this.live.query(this.live.collectionRef(paths.hosts(tenantId), hostDoc)).pipe(map((hosts) => hosts.value));
  }

  tenant$(tenantId: string): Observable<TenantDoc | null> {
    return this.live.document(this.live.docRef(paths.tenant(tenantId), tenantDoc)).pipe(map((tenant) => tenant.value));
  }
}
