import { computed, ErrorHandler, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, combineLatest, EMPTY, startWith, switchMap, tap } from 'rxjs';
import { awaitingListeners, listenerDelivered, listenerFailed, withListenerStatus } from '../firebase/with-listener-status';
import { SessionStore } from '../session/session-store';
import { AlertsGateway, type Alert } from './alerts-gateway';
import { DismissedAlertsStore } from './dismissed-alerts-store';

type AlertsState = { alerts: readonly Alert[] };

const initialState: AlertsState = { alerts: [] };

/** The unresolved alerts and the newest page, each once, newest first. */
function mergedAlerts(unresolved: readonly Alert[], newest: readonly Alert[]): Alert[] {
  const byId = new Map([...newest, ...unresolved].map((alert) => [alert.id, alert]));
  return [...byId.values()].sort((a, b) => b.openedAt - a.openedAt);
}

/** The selected tenant's alerts, newest first: every unresolved one however old, and the newest page of the rest. */
export const AlertsStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withListenerStatus(),
  withComputed(({ alerts }, dismissed = inject(DismissedAlertsStore)) => ({
    /** Alerts arrive newest first, so the first open critical one the user has not dismissed is the newest. */
    newestCritical: computed(() => {
      const hidden = new Set(dismissed.ids());
      return alerts().find((alert) => alert.state === 'open' && alert.level === 'critical' && !hidden.has(alert.id)) ?? null;
    }),
  })),
  withMethods((store, gateway = inject(AlertsGateway), errors = inject(ErrorHandler)) => ({
    _listenTo: rxMethod<string | null>(
      switchMap((tenantId) => {
        if (tenantId === null) {
          patchState(store, initialState, awaitingListeners());
          return EMPTY;
        }
        patchState(store, initialState, awaitingListeners('unresolved', 'newest'));
        const none: readonly Alert[] = [];
        const delivered = <T>(name: string) => tap<T>(() => patchState(store, listenerDelivered(name)));
        return combineLatest([
          gateway.unresolved$(tenantId).pipe(delivered('unresolved'), startWith(none)),
          gateway.newest$(tenantId).pipe(delivered('newest'), startWith(none)),
        ]).pipe(
          tap(([unresolved, newest]) => patchState(store, { alerts: mergedAlerts(unresolved, newest) })),
          // A denied listener (membership just revoked) must not end the store: the next tenant still loads.
          catchError((error: unknown) => {
            errors.handleError(error);
            patchState(store, listenerFailed(error));
            return EMPTY;
          }),
        );
      }),
    ),
  })),
  withHooks({
    onInit(store, session = inject(SessionStore)) {
      store._listenTo(session.selectedTenantId);
    },
  }),
);
