import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import type { Role } from '@pulseboard/contracts';
import { Callables } from '../firebase/callables';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { MEMBERS_GATEWAY, type Member } from './members-gateway';
import { withAdminActions } from './with-admin-actions';

type MembersState = {
  members: readonly Member[];
  /** The email just invited: a link to set a password was emailed to it. */
  invited: string | null;
};

const initialState: MembersState = { members: [], invited: null };

/** The selected tenant's members (admins): listed live, invited, changed and removed through setMemberRole. */
export const MembersStore = signalStore(
  withState(initialState),
  withAdminActions(),
  withComputed(({ members }) => ({
    /** The one admin's uid when the tenant has exactly one: they cannot be demoted or removed. */
    soleAdmin: computed(() => {
      const admins = members().filter((member) => member.role === 'admin');
      return admins.length === 1 ? (admins[0]?.id ?? null) : null;
    }),
  })),
  withMethods((store, callables = inject(Callables), auth = inject(AUTH_GATEWAY)) => ({
    /** Changes a member's role, or removes them (null). */
    setRole(email: string, role: Role | null): Promise<boolean> {
      return store._act((tenantId) => callables.setMemberRole({ tenantId, email: email.trim(), role }));
    },
    /**
     * Gives the email a role (an unknown email gets an account, without a password) and has Firebase
     * Auth email it a link to set a password, whether or not the account existed: the answer is the
     * same either way, and the link reaches only the mailbox (docs/ACCESS.md, "Invites").
     */
    invite(email: string, role: Role): Promise<boolean> {
      const address = email.trim();
      patchState(store, { invited: null });
      return store._act(async (tenantId) => {
        await callables.setMemberRole({ tenantId, email: address, role });
        await auth.sendPasswordSetup(address);
        patchState(store, { invited: address });
      });
    },
  })),
  withHooks({
    onInit(store, gateway = inject(MEMBERS_GATEWAY)) {
      store._listenToTenant('members', (tenantId) => gateway.watchByEmail(tenantId), (members) => patchState(store, members === null ? initialState : { members }));
    },
  }),
);
