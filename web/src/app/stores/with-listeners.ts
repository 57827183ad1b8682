import { ErrorHandler, inject, Injector, type Signal } from '@angular/core';
import { patchState, signalStoreFeature, withMethods } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, switchMap, tap, type Observable } from 'rxjs';
import type { Live } from '../firebase/live-snapshots';
import { SessionStore } from '../session/session-store';
import { listenerAwaited, listenerDelivered, listenerFailed, listenerStopped, withListenerStatus } from './with-listener-status';

/**
 * How every store follows its Firestore listeners: one listener per key (the selected tenant, or a
 * tenant and a host), switched when the key changes, torn down with the store, and its status kept
 * by withListenerStatus. The error policy lives here, once: a failed listener (membership just
 * revoked, say) is shown to the user through `listenerError`, and reported to the ErrorHandler; it
 * does not end the store, so the next key still loads.
 */
export function withListeners() {
  return signalStoreFeature(
    withListenerStatus(),
    withMethods((store, session = inject(SessionStore), errors = inject(ErrorHandler), injector = inject(Injector)) => {
      function listen<K, T>(name: string, key: Signal<K | null>, watch: (key: K) => Observable<Live<T>>, apply: (value: T | null, key: K | null) => void): void {
        rxMethod<K | null>(
          switchMap((current) => {
            // Whatever the previous key showed goes at once: no view shows one tenant's data under another.
            apply(null, current);
            if (current === null) {
              patchState(store, listenerStopped(name));
              return EMPTY;
            }
            patchState(store, listenerAwaited(name));
            return watch(current).pipe(
              tap(({ value, fromCache }) => {
                patchState(store, listenerDelivered(name, fromCache));
                apply(value, current);
              }),
              catchError((error: unknown) => {
                patchState(store, listenerFailed(name, error));
                errors.handleError(error);
                return EMPTY;
              }),
            );
          }),
          { injector },
        )(key);
      }
      return {
        /** Follows a listener keyed by a signal; null listens to nothing. `apply(null)` on every switch. */
        _listen: listen,
        /** Follows a listener of the selected tenant. */
        _listenToTenant<T>(name: string, watch: (tenantId: string) => Observable<Live<T>>, apply: (value: T | null, tenantId: string | null) => void): void {
          listen(name, session.selectedTenantId, watch, apply);
        },
      };
    }),
  );
}
