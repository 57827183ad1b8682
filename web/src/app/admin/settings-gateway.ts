import { inject, InjectionToken } from '@angular/core';
import { FLEET_SHARDS, fleetGroupDoc, fleetShardDoc, paths, type FleetGroupDoc, type FleetShardDoc } from '@pulseboard/contracts';
import { map, type Observable } from 'rxjs';
import type { Live } from '../firebase/live-snapshots';
import { UncachedReads } from '../firebase/uncached-reads';

/**
 * The fleet shards' windows and, past fleet level 0, the metric names the fold of their leaves keeps
 * (their leaves hold the hour windows), without their digests: what the settings page reads of them.
 */
const shardNames = fleetShardDoc.pick({ shard: true, windows: true }).extend({ metricNames: fleetGroupDoc.shape.metricNames.optional() });

/** Every metric name in these fleet shards' hour windows and metric names, by name. */
export function metricNames(shards: readonly (Pick<FleetShardDoc, 'windows'> & Partial<Pick<FleetGroupDoc, 'metricNames'>>)[]): string[] {
  return [...new Set(shards.flatMap((shard) => [...shard.windows['1h'].flatMap((window) => Object.keys(window.metrics)), ...Object.keys(shard.metricNames ?? {})]))].sort();
}

/**
 * What the settings page needs besides the tenant document: the metrics the tenant reports. The
 * fleet shards' hour windows (past level 0, their metric names) name every metric any host sent in
 * the last hours (up to FLEET_WINDOWS['1h'].metricsKept per shard), where the host digests carry only the well-known
 * ones. Read once when the page opens (FLEET_SHARDS documents), not listened to: each batch
 * rewrites a whole shard document, up to about 920 KB, for names that rarely change. Answered as
 * a Live value from the server, so the stores kit follows the tenant and shows a failure as it
 * does for listeners.
 */
export interface SettingsGateway {
  readReportedMetrics(tenantId: string): Observable<Live<string[]>>;
}

class FirestoreSettingsGateway implements SettingsGateway {
  private readonly uncached = inject(UncachedReads);

  readReportedMetrics(tenantId: string): Observable<Live<string[]>> {
    return this.uncached
      .whereEqual(paths.fleetShards(tenantId), shardNames, {}, FLEET_SHARDS)
      .pipe(map((shards) => ({ value: metricNames(shards), fromCache: false, hasPendingWrites: false })));
  }
}

export const SETTINGS_GATEWAY = new InjectionToken<SettingsGateway>('SettingsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreSettingsGateway(),
});
