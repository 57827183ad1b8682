import { inject } from '@angular/core';
import { patchState, signalStore, withHooks, withMethods, withState } from '@ngrx/signals';
import type { Role } from '@pulseboard/contracts';
import { Callables } from '../firebase/callables';
import { MembersGateway, type Member } from './members-gateway';
import { withAdminActions } from './with-admin-actions';

type MembersState = { members: readonly Member[] };

const initialState: MembersState = { members: [] };

/** The selected tenant's members (admins): listed live, invited, changed and removed through setMemberRole. */
export const MembersStore = signalStore(
  withState(initialState),
  withAdminActions(),
  withMethods((store, callables = inject(Callables)) => ({
    /** An existing account gets the role at once; an unknown email gets an account (an invite). */
    setRole(email: string, role: Role | null): Promise<boolean> {
      return store._act((tenantId) => callables.setMemberRole({ tenantId, email: email.trim(), role }));
    },
  })),
  withHooks({
    onInit(store, gateway = inject(MembersGateway)) {
      store._followTenant(
        (tenantId) => gateway.byEmail$(tenantId),
        (members) => patchState(store, { members: members ?? [] }),
      );
    },
  }),
);
