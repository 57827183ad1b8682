import { inject, InjectionToken } from '@angular/core';
import { FLEET_SHARDS, hostDigestsDoc, LIST_LIMITS, paths, tenantDoc } from '@pulseboard/contracts';
import { forkJoin, map, type Observable } from 'rxjs';
import { UncachedReads } from '../firebase/uncached-reads';
import type { WorkspaceReading } from './workspace-summary';

/**
 * What the workspaces page reads of each tenant, once per visit (no listener): its document, its
 * fleet shards (their digests, one document per shard in use) and two counts of open alerts. A few reads per tenant
 * (docs/DATA-MODEL.md), never one per host.
 */
export interface WorkspacesGateway {
  readWorkspace(tenantId: string): Observable<WorkspaceReading>;
}

class FirestoreWorkspacesGateway implements WorkspacesGateway {
  private readonly uncached = inject(UncachedReads);

  readWorkspace(tenantId: string): Observable<WorkspaceReading> {
    const openAlerts = (level: 'warning' | 'critical') =>
      this.uncached.count(paths.alerts(tenantId), { state: 'open', level }, LIST_LIMITS.alerts);
    return forkJoin({
      tenant: this.uncached.document(paths.tenant(tenantId), tenantDoc),
      digests: this.uncached.whereEqual(paths.fleetShards(tenantId), hostDigestsDoc, {}, FLEET_SHARDS),
      warning: openAlerts('warning'),
      critical: openAlerts('critical'),
    }).pipe(
      map(({ tenant, digests, warning, critical }) => ({
        tenant,
        digests,
        openAlerts: { warning, critical },
        alertCountMax: LIST_LIMITS.alerts,
      })),
    );
  }
}

export const WORKSPACES_GATEWAY = new InjectionToken<WorkspacesGateway>('WorkspacesGateway', {
  providedIn: 'root',
  factory: () => new FirestoreWorkspacesGateway(),
});
