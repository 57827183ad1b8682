import { inject, InjectionToken } from '@angular/core';
import { keyDoc, paths, type KeyDoc } from '@pulseboard/contracts';
import { limit, orderBy, query } from 'firebase/firestore';
import type { Observable } from 'rxjs';
import { LiveSnapshots, type Identified, type Live } from '../firebase/live-snapshots';

/** The keys page lists the newest this many (a tenant rotating keys for years still loads one page). */
export const KEYS_SHOWN = 100;

export type IngestKey = Identified<KeyDoc>;

/** The ingest-key metadata listener (admins only, by the rules), behind an interface so the store is unit-testable. */
export interface KeysGateway {
  watchNewest(tenantId: string): Observable<Live<readonly IngestKey[]>>;
}

class FirestoreKeysGateway implements KeysGateway {
  private readonly live = inject(LiveSnapshots);

  watchNewest(tenantId: string): Observable<Live<readonly IngestKey[]>> {
    return this.live.query(query(this.live.collectionRef(paths.keys(tenantId), keyDoc), orderBy('createdAt', 'desc'), limit(KEYS_SHOWN)));
  }
}

export const KEYS_GATEWAY = new InjectionToken<KeysGateway>('KeysGateway', {
  providedIn: 'root',
  factory: () => new FirestoreKeysGateway(),
});
