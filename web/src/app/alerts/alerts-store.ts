import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import type { AlertDoc } from '@pulseboard/contracts';
import { EMPTY, switchMap, tap } from 'rxjs';
import { SessionStore } from '../session/session-store';
import { AlertsGateway, type Alert } from './alerts-gateway';

type AlertsState = { alerts: readonly Alert[] };

const initialState: AlertsState = { alerts: [] };

/** The selected tenant's alerts, newest first, by state. */
export const AlertsStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withComputed(({ alerts }) => {
    const inState = (state: AlertDoc['state']) => computed(() => alerts().filter((alert) => alert.state === state));
    const open = inState('open');
    return {
      open,
      acknowledged: inState('acknowledged'),
      resolved: inState('resolved'),
      newestCritical: computed(() => open().find((alert) => alert.level === 'critical') ?? null),
    };
  }),
  withMethods((store, gateway = inject(AlertsGateway)) => ({
    _listenTo: rxMethod<string | null>(
      switchMap((tenantId) => {
        patchState(store, initialState);
        if (tenantId === null) return EMPTY;
        return gateway.newest$(tenantId).pipe(tap((alerts) => patchState(store, { alerts })));
      }),
    ),
  })),
  withHooks({
    onInit(store, session = inject(SessionStore)) {
      store._listenTo(session.selectedTenantId);
    },
  }),
);
