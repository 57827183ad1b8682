import { computed, ErrorHandler, inject } from '@angular/core';
import { FirebaseError } from 'firebase/app';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { ownValue, roleAtLeast, type Role } from '@pulseboard/contracts';
import { catchError, concatMap, distinctUntilChanged, EMPTY, from, map, switchMap, takeWhile, tap, timer } from 'rxjs';
import { AUTH_GATEWAY, type SessionUser } from './auth-gateway';
import { signInErrorMessage } from './sign-in-error';
import { TenantPreference } from './tenant-preference';

type SessionState = {
  /** `unknown` until Firebase Auth has restored (or not) the previous session. */
  status: 'unknown' | 'signed-out' | 'signed-in';
  user: { uid: string; email: string } | null;
  memberships: Partial<Record<string, Role>>;
  selectedTenantId: string | null;
  signingIn: boolean;
  signInError: string | null;
};

/**
 * When to fetch a fresh ID token after the member document disagrees with the token's claim.
 * setMemberRole writes that document first and the claim a moment later, so the first refresh can
 * still bring the old claim; past the last one the claim is left to the token's own renewal.
 */
export const CLAIM_REFRESH_DELAYS_MS = [0, 1_000, 2_000, 4_000, 8_000] as const;

const initialState: SessionState = {
  status: 'unknown',
  user: null,
  memberships: {},
  selectedTenantId: null,
  signingIn: false,
  signInError: null,
};

/** Who is signed in, their tenants and roles, and which tenant every view shows. */
export const SessionStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withComputed(({ memberships, selectedTenantId, status, user }) => {
    const role = computed(() => {
      const tenantId = selectedTenantId();
      return tenantId === null ? undefined : ownValue(memberships(), tenantId);
    });
    return {
      tenantIds: computed(() => Object.keys(memberships()).sort()),
      /** Signed in, but a member of no tenant yet: the app offers to create one. */
      hasNoTenant: computed(() => status() === 'signed-in' && Object.keys(memberships()).length === 0),
      role,
      canOperate: computed(() => roleAtLeast(role(), 'operator')),
      isAdmin: computed(() => roleAtLeast(role(), 'admin')),
      /** One string, so the member listener restarts only when the user or the tenant changes. */
      _memberKey: computed(() => {
        const uid = user()?.uid;
        const tenantId = selectedTenantId();
        return uid && tenantId ? `${uid}/${tenantId}` : null;
      }),
    };
  }),
  withMethods(
    (store, gateway = inject(AUTH_GATEWAY), preference = inject(TenantPreference), errors = inject(ErrorHandler)) => {
      const authenticate = async (attempt: () => Promise<void>): Promise<void> => {
        patchState(store, { signingIn: true, signInError: null });
        try {
          await attempt();
          patchState(store, { signingIn: false });
        } catch (error) {
          const code = error instanceof FirebaseError ? error.code : undefined;
          patchState(store, { signingIn: false, signInError: signInErrorMessage(code) });
        }
      };
      return {
      signIn(email: string, password: string): Promise<void> {
        return authenticate(() => gateway.signIn(email.trim(), password));
      },
      /** Creates an email/password account and signs it in: a new user then creates a workspace or waits for an invite. */
      signUp(email: string, password: string): Promise<void> {
        return authenticate(() => gateway.signUp(email.trim(), password));
      },
      signOut(): Promise<void> {
        return gateway.signOut();
      },
      /**
       * After the server made the user a member of a tenant (createTenant): fetch the token that
       * carries the new claim and show that tenant.
       */
      async enterTenant(tenantId: string): Promise<void> {
        preference.remember(tenantId);
        patchState(store, { selectedTenantId: tenantId });
        await gateway.refreshToken();
      },
      selectTenant(tenantId: string): void {
        if (ownValue(store.memberships(), tenantId) === undefined) return;
        preference.remember(tenantId);
        patchState(store, { selectedTenantId: tenantId });
      },
      _followUser: rxMethod<SessionUser | null>(
        tap((user) => {
          if (!user) {
            patchState(store, { ...initialState, status: 'signed-out' });
            return;
          }
          const tenantIds = Object.keys(user.memberships).sort();
          const current = store.selectedTenantId() ?? preference.recall();
          const selectedTenantId = current !== null && tenantIds.includes(current) ? current : (tenantIds[0] ?? null);
          patchState(store, {
            status: 'signed-in',
            user: { uid: user.uid, email: user.email },
            memberships: user.memberships,
            selectedTenantId,
          });
        }),
      ),
      /**
       * The member document is the source of truth for the user's role in the selected tenant and
       * changes first: whenever it disagrees with the token's claim (a role changed now, or while
       * the app was closed), fresh ID tokens are fetched until the claim follows, so new rights
       * apply without signing out. A member who lost rights has had their refresh tokens revoked:
       * the refresh fails and Firebase Auth signs them out.
       */
      _refreshOnMembershipChange: rxMethod<string | null>(
        switchMap((memberKey) => {
          if (memberKey === null) return EMPTY;
          const [uid = '', tenantId = ''] = memberKey.split('/');
          const claimDisagrees = (mirrored: Role | null) => (ownValue(store.memberships(), tenantId) ?? null) !== mirrored;
          return gateway.watchMemberRole(tenantId, uid).pipe(
            map((member) => member.value),
            distinctUntilChanged(),
            switchMap((mirrored) =>
              from(CLAIM_REFRESH_DELAYS_MS).pipe(
                concatMap((delayMs) => timer(delayMs).pipe(map(() => mirrored))),
                takeWhile(claimDisagrees),
                concatMap(() => gateway.refreshToken()),
              ),
            ),
            // Losing read access to the member document is itself a membership change.
            catchError((error: unknown) => {
              errors.handleError(error);
              gateway.refreshToken().catch((refreshError: unknown) => errors.handleError(refreshError));
              return EMPTY;
            }),
          );
        }),
      ),
      };
    },
  ),
  withHooks({
    onInit(store, gateway = inject(AUTH_GATEWAY)) {
      store._followUser(gateway.watchUser());
      store._refreshOnMembershipChange(store._memberKey);
    },
  }),
);
