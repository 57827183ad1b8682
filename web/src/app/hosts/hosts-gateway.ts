import { inject, InjectionToken } from '@angular/core';
import { hostDoc, paths, tenantDoc, type FleetSettings, type HostDoc } from '@pulseboard/contracts';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots, type Identified, type Live } from '../firebase/live-snapshots';

/** The Firestore listeners of the hosts store, behind an interface so its logic is unit-testable. */
export interface HostsGateway {
  /** Every host of the tenant, bursts coalesced to one emission per animation frame. */
  watchHosts(tenantId: string): Observable<Live<readonly Identified<HostDoc>[]>>;
  watchSettings(tenantId: string): Observable<FleetSettings | null>;
}

class FirestoreHostsGateway implements HostsGateway {
  private readonly live = inject(LiveSnapshots);

  watchHosts(tenantId: string): Observable<Live<readonly Identified<HostDoc>[]>> {
    return this.live.query(this.live.collectionRef(paths.hosts(tenantId), hostDoc));
  }

  watchSettings(tenantId: string): Observable<FleetSettings | null> {
    return this.live.document(this.live.docRef(paths.tenant(tenantId), tenantDoc)).pipe(map((tenant) => tenant.value));
  }
}

export const HOSTS_GATEWAY = new InjectionToken<HostsGateway>('HostsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreHostsGateway(),
});
