import { ErrorHandler, inject, type Signal } from '@angular/core';
import { patchState, signalStoreFeature, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, switchMap, tap, type Observable } from 'rxjs';
import { errorMessage } from '../firebase/error-message';
import { SessionStore } from '../session/session-store';

type AdminActionsState = {
  busy: boolean;
  /** Why the last action was refused, in the function's words (the last admin cannot leave, say). */
  failure: string | null;
};

/** What every admin console page shares: one callable at a time for the selected tenant, and a live list of it. */
export function withAdminActions() {
  return signalStoreFeature(
    withState<AdminActionsState>({ busy: false, failure: null }),
    withMethods((store, session = inject(SessionStore), errors = inject(ErrorHandler)) => ({
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
      /** Follows the selected tenant with a listener: `apply(null)` on every switch; a denied listener is reported. */
      _followTenant<T>(listen: (tenantId: string) => Observable<T>, apply: (value: T | null) => void): void {
        followListener(session.selectedTenantId, listen, apply, errors);
      },
      /** The same for any signal (a tenant and a channel, say): null listens to nothing. */
      _follow<S, T>(source: Signal<S | null>, listen: (value: S) => Observable<T>, apply: (value: T | null) => void): void {
        followListener(source, listen, apply, errors);
      },
    })),
  );
}

function followListener<S, T>(source: Signal<S | null>, listen: (value: S) => Observable<T>, apply: (value: T | null) => void, errors: ErrorHandler): void {
  rxMethod<S | null>(
    switchMap((value) => {
      apply(null);
      if (value === null) return EMPTY;
      return listen(value).pipe(
        tap(apply),
        catchError((error: unknown) => {
          errors.handleError(error);
          return EMPTY;
        }),
      );
    }),
  )(source);
}
