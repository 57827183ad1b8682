import { inject } from '@angular/core';
import { patchState, signalStoreFeature, withMethods, withState } from '@ngrx/signals';
import { errorMessage } from '../firebase/error-message';
import { SessionStore } from '../session/session-store';
import { withListeners } from '../stores/with-listeners';

type AdminActionsState = {
  busy: boolean;
  /** Why the last action was refused, in the function's words (the last admin cannot leave, say). */
  failure: string | null;
};

/** What every admin console page shares: one callable at a time for the selected tenant, and live lists of it (withListeners). */
export function withAdminActions() {
  return signalStoreFeature(
    withState<AdminActionsState>({ busy: false, failure: null }),
    withListeners(),
    withMethods((store, session = inject(SessionStore)) => ({
      /** Runs one callable for the selected tenant; false when it was refused (or none could run). */
      async _act(work: (tenantId: string) => Promise<void>): Promise<boolean> {
        const tenantId = session.selectedTenantId();
        if (tenantId === null || store.busy()) return false;
        patchState(store, { busy: true, failure: null });
        try {
          await work(tenantId);
          patchState(store, { busy: false });
          return true;
        } catch (error) {
          patchState(store, { busy: false, failure: errorMessage(error) });
          return false;
        }
      },
    })),
  );
}
