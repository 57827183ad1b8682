import { inject, InjectionToken } from '@angular/core';
import { hostDoc, paths, type HostDoc } from '@pulseboard/contracts';
import type { Observable } from 'rxjs';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';

/** The host page's listener on its one host document, behind an interface so its store is unit-testable. */
export interface HostGateway {
  /** The host's latest state; null while it has not reported (or its document is invalid). */
  watchHost(tenantId: string, host: string): Observable<Live<HostDoc | null>>;
}

class FirestoreHostGateway implements HostGateway {
  private readonly live = inject(LiveSnapshots);

  watchHost(tenantId: string, host: string): Observable<Live<HostDoc | null>> {
    return this.live.document(this.live.docRef(paths.host(tenantId, host), hostDoc));
  }
}

export const HOST_GATEWAY = new InjectionToken<HostGateway>('HostGateway', {
  providedIn: 'root',
  factory: () => new FirestoreHostGateway(),
});
