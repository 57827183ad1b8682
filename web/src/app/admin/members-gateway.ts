import { inject, Injectable } from '@angular/core';
import { memberDoc, paths, type MemberDoc } from '@pulseboard/contracts';
import { limit, orderBy, query } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots, type Identified } from '../firebase/live-snapshots';

/** The members page lists at most this many, by email. */
export const MEMBERS_SHOWN = 200;

/** A member document; its id is the member's uid. */
export type Member = Identified<MemberDoc>;

/** The members listener (admins only, by the rules), behind one class so the store is unit-testable. */
@Injectable({ providedIn: 'root' })
export class MembersGateway {
  private readonly live = inject(LiveSnapshots);

  byEmail$(tenantId: string): Observable<readonly Member[]> {
    const members = query(this.live.collectionRef(paths.members(tenantId), memberDoc), orderBy('email'), limit(MEMBERS_SHOWN));
    return this.live.query(members).pipe(map((listed) => listed.value));
  }
}
