import { inject, Injectable } from '@angular/core';
import { keyDoc, paths, type KeyDoc } from '@pulseboard/contracts';
import { limit, orderBy, query } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots, type Identified } from '../firebase/live-snapshots';

/** The keys page lists the newest this many (a tenant rotating keys for years still loads one page). */
export const KEYS_SHOWN = 100;

export type IngestKey = Identified<KeyDoc>;

/** The ingest-key metadata listener (admins only, by the rules), behind one class so the store is unit-testable. */
@Injectable({ providedIn: 'root' })
export class KeysGateway {
  private readonly live = inject(LiveSnapshots);

  newest$(tenantId: string): Observable<readonly IngestKey[]> {
    const newest = query(this.live.collectionRef(paths.keys(tenantId), keyDoc), orderBy('createdAt', 'desc'), limit(KEYS_SHOWN));
    return this.live.query(newest).pipe(map((keys) => keys.value));
  }
}
