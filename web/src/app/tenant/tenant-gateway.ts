import { inject, InjectionToken } from '@angular/core';
import { paths, tenantDoc, type TenantDoc } from '@pulseboard/contracts';
import type { Observable } from 'rxjs';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';

/** The listener on the tenant document, behind an interface so its store is unit-testable. */
export interface TenantGateway {
  /** The tenant's name and settings; null while it is missing or invalid. */
  watchTenant(tenantId: string): Observable<Live<TenantDoc | null>>;
}

class FirestoreTenantGateway implements TenantGateway {
  private readonly live = inject(LiveSnapshots);

  watchTenant(tenantId: string): Observable<Live<TenantDoc | null>> {
    return this.live.document(this.live.docRef(paths.tenant(tenantId), tenantDoc));
  }
}

export const TENANT_GATEWAY = new InjectionToken<TenantGateway>('TenantGateway', {
  providedIn: 'root',
  factory: () => new FirestoreTenantGateway(),
});
