import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withState } from '@ngrx/signals';
import { countByStatus, type HostDoc } from '@pulseboard/contracts';
import { withClock } from '../stores/with-clock';
import { withListeners } from '../stores/with-listeners';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';
import { HOSTS_GATEWAY } from './hosts-gateway';
import { HostsViewStore } from './hosts-view-store';
import { selectRows, STATUS_TICK_MS, toHostRow } from './host-rows';

type HostsState = { docs: readonly HostDoc[] };

/**
 * Every host of the selected tenant, as rows of the hosts table. Provided by the table, so its
 * listener ends when the table does: holding every host costs the SDK work on each snapshot, on
 * whatever page the user has moved on to (docs/BENCHMARKS.md). How the table is filtered and
 * sorted outlives it (HostsViewStore).
 */
export const HostsStore = signalStore(
  withState<HostsState>({ docs: [] }),
  withListeners(),
  withClock(STATUS_TICK_MS),
  withComputed(({ docs, now }, tenant = inject(TenantSettingsStore), view = inject(HostsViewStore)) => {
    const effectiveSettings = tenant.effectiveSettings;
    // No row is judged by the default levels while the tenant's own are on their way.
    const rows = computed(() => (tenant.loading() ? [] : docs().map((doc) => toHostRow(doc, effectiveSettings(), now()))));
    return {
      effectiveSettings,
      rows,
      visibleRows: computed(() => selectRows(rows(), view.query())),
      statusCounts: computed(() => countByStatus(rows().map((row) => row.status))),
    };
  }),
  withHooks({
    onInit(store, gateway = inject(HOSTS_GATEWAY)) {
      store._listenToTenant('hosts', (tenantId) => gateway.watchHosts(tenantId), (docs) => {
        patchState(store, { docs: docs ?? [] });
        store._tick();
      });
    },
  }),
);
