import { inject, InjectionToken } from '@angular/core';
import { memberDoc, paths, type MemberDoc } from '@pulseboard/contracts';
import { limit, orderBy, query } from 'firebase/firestore';
import type { Observable } from 'rxjs';
import { LiveSnapshots, type Identified, type Live } from '../firebase/live-snapshots';

/** The members page lists at most this many, by email. */
export const MEMBERS_SHOWN = 200;

/** A member document; its id is the member's uid. */
export type Member = Identified<MemberDoc>;

/** The members listener (admins only, by the rules), behind an interface so the store is unit-testable. */
export interface MembersGateway {
  watchByEmail(tenantId: string): Observable<Live<readonly Member[]>>;
}

class FirestoreMembersGateway implements MembersGateway {
  private readonly live = inject(LiveSnapshots);

  watchByEmail(tenantId: string): Observable<Live<readonly Member[]>> {
    return this.live.query(query(this.live.collectionRef(paths.members(tenantId), memberDoc), orderBy('email'), limit(MEMBERS_SHOWN)));
  }
}

export const MEMBERS_GATEWAY = new InjectionToken<MembersGateway>('MembersGateway', {
  providedIn: 'root',
  factory: () => new FirestoreMembersGateway(),
});
