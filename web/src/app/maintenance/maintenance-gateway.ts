import { inject, InjectionToken } from '@angular/core';
import { paths, tenantDoc, type MaintenanceWindows } from '@pulseboard/contracts';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots } from '../firebase/live-snapshots';

/** The tenant's maintenance windows, live; undefined while it has none or its document cannot be read. */
export interface MaintenanceGateway {
  watchWindows(tenantId: string): Observable<MaintenanceWindows | undefined>;
}

/**
 * The tenant document's listener, which the SDK shares with the settings and name listeners of
 * the same document: the windows cost no read of their own.
 */
export const MAINTENANCE_GATEWAY = new InjectionToken<MaintenanceGateway>('MaintenanceGateway', {
  providedIn: 'root',
  factory: () => {
    const live = inject(LiveSnapshots);
    return {
      watchWindows: (tenantId) => live.document(live.docRef(paths.tenant(tenantId), tenantDoc)).pipe(map((tenant) => tenant.value?.maintenance)),
    };
  },
});
