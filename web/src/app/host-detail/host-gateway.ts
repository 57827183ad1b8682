import { inject, InjectionToken } from '@angular/core';
import { paths, storedHostDoc, type StoredHostDoc } from '@pulseboard/contracts';
import type { Observable } from 'rxjs';
import type { Contract } from '../firebase/contract-converter';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';

/** What the host page reads of its host document: the host's state and its recent windows (not the exactly-once marker). */
export type HostPageDoc = Omit<StoredHostDoc, 'appliedBatches'>;

/**
 * The recent windows arrive as one bytes value, which the SDK hands over as is and the contract
 * decodes and judges in one pass (contracts/src/encoded-windows.ts): no map per window and aggregate
 * to convert, and nothing left to validate incrementally.
 */
const hostPageDoc: Contract<HostPageDoc> = storedHostDoc.omit({ appliedBatches: true });

/**
 * The host page's one listener on its host document, behind an interface so its stores are
 * unit-testable: its state and its recent windows, read once per snapshot for both (two listeners
 * on the document, one per contract, had the SDK convert the whole document twice on every batch).
 */
export interface HostGateway {
  /** The host's latest state and recent windows; null while it has not reported (or its document is invalid). */
  watchHost(tenantId: string, host: string): Observable<Live<HostPageDoc | null>>;
}

class FirestoreHostGateway implements HostGateway {
  private readonly live = inject(LiveSnapshots);

  watchHost(tenantId: string, host: string): Observable<Live<HostPageDoc | null>> {
    return this.live.document(this.live.docRef(paths.host(tenantId, host), hostPageDoc));
  }
}

export const HOST_GATEWAY = new InjectionToken<HostGateway>('HostGateway', {
  providedIn: 'root',
  factory: () => new FirestoreHostGateway(),
});
