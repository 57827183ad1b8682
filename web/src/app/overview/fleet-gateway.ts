import { inject, Injectable } from '@angular/core';
import {
  FLEET_SHARDS,
  fleetWindowDoc,
  hostDigestsDoc,
  paths,
  tenantDoc,
  type FleetWindowDoc,
  type HostDigestsDoc,
  type TenantDoc,
} from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots } from '../firebase/live-snapshots';
import { UncachedReads } from '../firebase/uncached-reads';
import { withoutCutWindow } from './fleet-summary';
import { SPARKLINE_WINDOWS } from './sparkline-windows';

/**
 * Shards the listener holds per sparkline window on average. A window of a busy fleet has more (up
 * to FLEET_SHARDS); then the listener holds fewer windows, never a partial one (withoutCutWindow),
 * and the store reads the older ones once instead: every document a listener holds adds to the
 * SDK's work per snapshot (docs/BENCHMARKS.md, bench:ui).
 */
const SHARDS_PER_WINDOW_BUDGET = 16;
export const RECENT_SHARDS_LIMIT = SPARKLINE_WINDOWS * SHARDS_PER_WINDOW_BUDGET;

/** What the overview's shard listener last delivered. */
export interface RecentShards {
  /** The newest shards, whole windows only. */
  readonly shards: readonly FleetWindowDoc[];
  /** The listener reached its limit: the sparkline's older windows are not among its shards. */
  readonly capped: boolean;
  readonly fromCache: boolean;
}

/** The overview's listeners, behind one class so the fleet store is unit-testable. */
@Injectable({ providedIn: 'root' })
export class FleetGateway {
  private readonly live = inject(LiveSnapshots);
  private readonly uncached = inject(UncachedReads);

  recentShards$(tenantId: string): Observable<RecentShards> {
    const recent = query(
      this.live.collectionRef(paths.fleetWindows(tenantId), fleetWindowDoc),
      where('resolution', '==', '10s'),
      orderBy('start', 'desc'),
      limit(RECENT_SHARDS_LIMIT),
    );
    return this.live.query(recent).pipe(
      map(({ value, fromCache }) => ({
        shards: withoutCutWindow(value, RECENT_SHARDS_LIMIT),
        capped: value.length >= RECENT_SHARDS_LIMIT,
        fromCache,
      })),
    );
  }

  /** Every shard of one closed 10 s window, read once, past the local cache. */
  windowShards$(tenantId: string, start: number): Observable<readonly FleetWindowDoc[]> {
    return this.uncached.whereEqual(paths.fleetWindows(tenantId), fleetWindowDoc, { resolution: '10s', start }, FLEET_SHARDS);
  }

  /** The digests of every host, one document per fleet shard: the overview's view of the hosts. */
  hostDigests$(tenantId: string): Observable<readonly HostDigestsDoc[]> {
    return this.live.query(this.live.collectionRef(paths.hostDigests(tenantId), hostDigestsDoc)).pipe(map((digests) => digests.value));
  }

  tenant$(tenantId: string): Observable<TenantDoc | null> {
    return this.live.document(this.live.docRef(paths.tenant(tenantId), tenantDoc)).pipe(map((tenant) => tenant.value));
  }
}
