import { inject, InjectionToken } from '@angular/core';
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
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';

export interface SessionUser {
  readonly uid: string;
  readonly email: string;
  /** The user's role per tenant, from the ID token's custom claims. */
  readonly memberships: MembershipClaims['tenants'];
}

/** Firebase Auth and the member document, behind an interface so the session store is unit-testable. */
export interface AuthGateway {
  /** The signed-in user with the claims of their current ID token; null when signed out. */
  watchUser(): Observable<SessionUser | null>;
  signIn(email: string, password: string): Promise<void>;
  /** Creates an email/password account and signs it in (self-service sign-up). */
  signUp(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /**
   * Has Firebase Auth email the person at this address a link to set (or reset) their password:
   * an invited account has none. The link goes to the mailbox, never to the caller.
   */
  sendPasswordSetup(email: string): Promise<void>;
  /**
   * Fetches a fresh ID token, so changed custom claims apply without signing out. After a removal
   * or demotion the refresh tokens are revoked: the refresh fails and Firebase Auth signs the user out.
   */
  refreshToken(): Promise<void>;
  /** The role recorded on the user's member document of a tenant; null once they are removed. */
  watchMemberRole(tenantId: string, uid: string): Observable<Live<Role | null>>;
}

class FirebaseAuthGateway implements AuthGateway {
  private readonly auth = inject(Auth);
  private readonly live = inject(LiveSnapshots);

  watchUser(): Observable<SessionUser | null> {
    return new Observable<User | null>((subscriber) => onIdTokenChanged(this.auth, (user) => subscriber.next(user))).pipe(
      switchMap((user) => (user ? toSessionUser(user) : Promise.resolve(null))),
    );
  }

  async signIn(email: string, password: string): Promise<void> {
    await signInWithEmailAndPassword(this.auth, email, password);
  }

  async signUp(email: string, password: string): Promise<void> {
    await createUserWithEmailAndPassword(this.auth, email, password);
  }

  signOut(): Promise<void> {
    return signOut(this.auth);
  }

  async sendPasswordSetup(email: string): Promise<void> {
    await sendPasswordResetEmail(this.auth, email);
  }

  async refreshToken(): Promise<void> {
    await this.auth.currentUser?.getIdToken(true);
  }

  watchMemberRole(tenantId: string, uid: string): Observable<Live<Role | null>> {
    return this.live.document(this.live.docRef(paths.member(tenantId, uid), memberDoc)).pipe(
      map((member) => ({ ...member, value: member.value?.role ?? null })),
    );
  }
}

export const AUTH_GATEWAY = new InjectionToken<AuthGateway>('AuthGateway', {
  providedIn: 'root',
  factory: () => new FirebaseAuthGateway(),
});

async function toSessionUser(user: User): Promise<SessionUser> {
  const token = await user.getIdTokenResult();
  const claims = membershipClaims.safeParse(token.claims);
  return { uid: user.uid, email: user.email ?? '', memberships: claims.success ? claims.data.tenants : {} };
}
