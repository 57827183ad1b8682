import { inject, InjectionToken } from '@angular/core';
import { hostDoc, paths, type HostDoc } from '@pulseboard/contracts';
import type { Observable } from 'rxjs';
import { LiveSnapshots, type Identified, type Live } from '../firebase/live-snapshots';

/** The hosts table's listener, behind an interface so its store is unit-testable. */
export interface HostsGateway {
  /** Every host of the tenant, bursts coalesced to one emission per animation frame. */
  watchHosts(tenantId: string): Observable<Live<readonly Identified<HostDoc>[]>>;
}

class FirestoreHostsGateway implements HostsGateway {
  private readonly live = inject(LiveSnapshots);

  watchHosts(tenantId: string): Observable<Live<readonly Identified<HostDoc>[]>> {
    return this.live.query(this.live.collectionRef(paths.hosts(tenantId), hostDoc));
  }
}

export const HOSTS_GATEWAY = new InjectionToken<HostsGateway>('HostsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreHostsGateway(),
});
