import { inject, InjectionToken } from '@angular/core';
import { FLEET_SHARDS, fleetWindowDoc, paths, type FleetWindowDoc } from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';

/** Every metric name in these fleet shards, by name. */
export function metricNames(shards: readonly FleetWindowDoc[]): string[] {
  return [...new Set(shards.flatMap((shard) => Object.keys(shard.metrics)))].sort();
}

/**
 * What the settings page needs besides the tenant document: the metrics the tenant reports. The
 * fleet's newest hour-window shards name every metric any host sent this hour (up to 1,000 per
 * shard), where the host digests carry only the well-known ones; one listener of at most
 * FLEET_SHARDS documents, each batch changing one of them.
 */
export interface SettingsGateway {
  watchReportedMetrics(tenantId: string): Observable<Live<string[]>>;
}

class FirestoreSettingsGateway implements SettingsGateway {
  private readonly live = inject(LiveSnapshots);

  watchReportedMetrics(tenantId: string): Observable<Live<string[]>> {
    const thisHour = query(
      this.live.collectionRef(paths.fleetWindows(tenantId), fleetWindowDoc),
      where('resolution', '==', '1h'),
      orderBy('start', 'desc'),
      limit(FLEET_SHARDS),
    );
    return this.live.query(thisHour).pipe(map((shards) => ({ ...shards, value: metricNames(shards.value) })));
  }
}

export const SETTINGS_GATEWAY = new InjectionToken<SettingsGateway>('SettingsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreSettingsGateway(),
});
