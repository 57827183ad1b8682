import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withState } from '@ngrx/signals';
import { withListeners } from '../stores/with-listeners';
import { ALERTS_GATEWAY, type Alert } from './alerts-gateway';
import { DismissedAlertsStore } from './dismissed-alerts-store';

type AlertsState = {
  /** Every open or acknowledged alert (up to ALERTS_LIMIT). */
  unresolved: readonly Alert[];
  /** The newest page, whatever the state. */
  newest: readonly Alert[];
};

/** The unresolved alerts and the newest page, each once, newest first. */
function mergedAlerts(unresolved: readonly Alert[], newest: readonly Alert[]): Alert[] {
  const byId = new Map([...newest, ...unresolved].map((alert) => [alert.id, alert]));
  return [...byId.values()].sort((a, b) => b.openedAt - a.openedAt);
}

/** The selected tenant's alerts, newest first: every unresolved one however old, and the newest page of the rest. */
export const AlertsStore = signalStore(
  { providedIn: 'root' },
  withState<AlertsState>({ unresolved: [], newest: [] }),
  withListeners(),
  withComputed(({ unresolved, newest }, dismissed = inject(DismissedAlertsStore)) => {
    const alerts = computed(() => mergedAlerts(unresolved(), newest()));
    return {
      alerts,
      /** Alerts arrive newest first, so the first open critical one the user has not dismissed is the newest. */
      newestCritical: computed(() => {
        const hidden = new Set(dismissed.ids());
        return alerts().find((alert) => alert.state === 'open' && alert.level === 'critical' && !hidden.has(alert.id)) ?? null;
      }),
    };
  }),
  withHooks({
    onInit(store, gateway = inject(ALERTS_GATEWAY)) {
      store._listenToTenant('unresolved', (tenantId) => gateway.watchUnresolved(tenantId), (unresolved) => patchState(store, { unresolved: unresolved ?? [] }));
      store._listenToTenant('newest', (tenantId) => gateway.watchNewest(tenantId), (newest) => patchState(store, { newest: newest ?? [] }));
    },
  }),
);
