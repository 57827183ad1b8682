import { inject, InjectionToken } from '@angular/core';
import { collection, doc, Firestore } from '@angular/fire/firestore';
import { hostDoc, paths, tenantDoc, type HostDoc } from '@pulseboard/contracts';
import type { Observable } from 'rxjs';
import { liveDoc, liveQuery, type LiveDocs } from './live-query';
import type { FleetSettings } from './host-rows';

/** The Firestore listeners of the hosts store, behind an interface so its logic is unit-testable. */
export interface HostsGateway {
  watchHosts(tenantId: string): Observable<LiveDocs<HostDoc>>;
  watchSettings(tenantId: string): Observable<FleetSettings | null>;
}

class FirestoreHostsGateway implements HostsGateway {
  private readonly firestore = inject(Firestore);

  watchHosts(tenantId: string): Observable<LiveDocs<HostDoc>> {
    return liveQuery(collection(this.firestore, paths.hosts(tenantId)), hostDoc);
  }

  watchSettings(tenantId: string): Observable<FleetSettings | null> {
    return liveDoc(doc(this.firestore, paths.tenant(tenantId)), tenantDoc);
  }
}

export const HOSTS_GATEWAY = new InjectionToken<HostsGateway>('HostsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreHostsGateway(),
});
