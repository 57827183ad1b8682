import { inject, InjectionToken } from '@angular/core';
import { paths } from '@pulseboard/contracts';
import type { Observable } from 'rxjs';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';
import { hostPageContract, type HostPageDoc } from './host-page-contract';

export type { HostPageDoc } from './host-page-contract';

/**
 * The host page's one listener on its host document, behind an interface so its stores are
 * unit-testable: its state and its recent windows, converted and validated once per snapshot for
 * both (two listeners on the document, one per contract, had the SDK convert the whole document,
 * ~40 KB of windows for a typical host, twice on every batch).
 */
export interface HostGateway {
  /** The host's latest state and recent windows; null while it has not reported (or its document is invalid). */
  watchHost(tenantId: string, host: string): Observable<Live<HostPageDoc | null>>;
}

class FirestoreHostGateway implements HostGateway {
  private readonly live = inject(LiveSnapshots);

  watchHost(tenantId: string, host: string): Observable<Live<HostPageDoc | null>> {
    return this.live.document(this.live.docRef(paths.host(tenantId, host), hostPageContract()));
  }
}

export const HOST_GATEWAY = new InjectionToken<HostGateway>('HostGateway', {
  providedIn: 'root',
  factory: () => new FirestoreHostGateway(),
});
