import { inject, Injectable } from '@angular/core';
import { Auth } from '@angular/fire/auth';
import { memberDoc, membershipClaims, paths, type MembershipClaims, type Role } from '@pulseboard/contracts';
import {
  createUserWithEmailAndPassword,
  onIdTokenChanged,
  sendPasswordResetEmail,
  signInWithEmailAndPassword,
  signOut,
  type User,
} from 'firebase/auth';
import { map, Observable, switchMap } from 'rxjs';
import { LiveSnapshots } from '../firebase/live-snapshots';

export interface SessionUser {
  readonly uid: string;
  readonly email: string;
  /** The user's role per tenant, from the ID token's custom claims. */
  readonly memberships: MembershipClaims['tenants'];
}

/** Firebase Auth and the member document, behind one class so the session store is unit-testable. */
@Injectable({ providedIn: 'root' })
export class AuthGateway {
  private readonly auth = inject(Auth);
  private readonly live = inject(LiveSnapshots);

  /** The signed-in user with the claims of their current ID token; null when signed out. */
  readonly user$: Observable<SessionUser | null> = new Observable<User | null>((subscriber) =>
    onIdTokenChanged(this.auth, (user) => subscriber.next(user)),
  ).pipe(switchMap((user) => (user ? toSessionUser(user) : Promise.resolve(null))));

  async signIn(email: string, password: string): Promise<void> {
    await signInWithEmailAndPassword(this.auth, email, password);
  }

  /** Creates an email/password account and signs it in (self-service sign-up). */
  async signUp(email: string, password: string): Promise<void> {
    await createUserWithEmailAndPassword(this.auth, email, password);
  }

  signOut(): Promise<void> {
    return signOut(this.auth);
  }

  /**
   * Has Firebase Auth email the person at this address a link to set (or reset) their password:
   * an invited account has none. The link goes to the mailbox, never to the caller.
   */
  async sendPasswordSetup(email: string): Promise<void> {
    await sendPasswordResetEmail(this.auth, email);
  }

  /**
   * Fetches a fresh ID token, so changed custom claims apply without signing out. After a removal
   * or demotion the refresh tokens are revoked: the refresh fails and Firebase Auth signs the user out.
   */
  async refreshToken(): Promise<void> {
    await this.auth.currentUser?.getIdToken(true);
  }

  /** The role recorded on the user's member document of a tenant; null once they are removed. */
  memberRole$(tenantId: string, uid: string): Observable<Role | null> {
    return this.live.document(this.live.docRef(paths.member(tenantId, uid), memberDoc)).pipe(
      map((member) => member.value?.role ?? null),
    );
  }
}

async function toSessionUser(user: User): Promise<SessionUser> {
  const token = await user.getIdTokenResult();
  const claims = membershipClaims.safeParse(token.claims);
  return { uid: user.uid, email: user.email ?? '', memberships: claims.success ? claims.data.tenants : {} };
}
