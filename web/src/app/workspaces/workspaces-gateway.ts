import { inject, InjectionToken } from '@angular/core';
import { HOST_TABLE_PAGES, hostTablePageDoc, LIST_LIMITS, paths, tenantDoc } from '@pulseboard/contracts';
import { forkJoin, map, type Observable } from 'rxjs';
import { UncachedReads } from '../firebase/uncached-reads';
import { hostsOfPages } from '../hosts/host-rows';
import type { WorkspaceReading } from './workspace-summary';

/**
 * What the workspaces page reads of each tenant, once per visit (no listener): its document, the
 * hosts table's HOST_TABLE_PAGES pages (every host's row, as the table judges it) and two counts of
 * open alerts. 3 + HOST_TABLE_PAGES reads per tenant (docs/DATA-MODEL.md), never one per host.
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
      pages: forkJoin(Array.from({ length: HOST_TABLE_PAGES }, (_, page) => this.uncached.document(paths.hostTablePage(tenantId, page), hostTablePageDoc))),
      warning: openAlerts('warning'),
      critical: openAlerts('critical'),
    }).pipe(
      map(({ tenant, pages, warning, critical }) => ({
        tenant,
        hosts: hostsOfPages(pages),
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
