import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { alertDoc, paths, type AlertDoc } from '@pulseboard/contracts';
import { limit, orderBy, query } from 'firebase/firestore';
import { EMPTY, switchMap, tap } from 'rxjs';
import { LiveSnapshots, type Identified } from '../firebase/live-snapshots';
import { SessionStore } from '../session/session-store';

/** Alerts the view keeps: every open one in practice, and the recent history. */
export const ALERTS_LIMIT = 200;

export type Alert = Identified<AlertDoc>;

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
  withMethods((store, live = inject(LiveSnapshots)) => ({
    _listenTo: rxMethod<string | null>(
      switchMap((tenantId) => {
        patchState(store, initialState);
        if (tenantId === null) return EMPTY;
        const newest = query(
          live.collectionRef(paths.alerts(tenantId), alertDoc),
          orderBy('openedAt', 'desc'),
          limit(ALERTS_LIMIT),
        );
        return live.query(newest).pipe(tap((alerts) => patchState(store, { alerts: alerts.value })));
      }),
    ),
  })),
  withHooks({
    onInit(store, session = inject(SessionStore)) {
      store._listenTo(session.selectedTenantId);
    },
  }),
);
