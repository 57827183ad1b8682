import { computed, inject, untracked } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { countByStatus } from '@pulseboard/contracts';
import { SessionStore } from '../session/session-store';
import { withClock } from '../stores/with-clock';
import { withListeners } from '../stores/with-listeners';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';
import { HOSTS_GATEWAY } from './hosts-gateway';
import { HostsViewStore } from './hosts-view-store';
import { sameRows, selectRows, STATUS_TICK_MS, tableHostOf, TableRows, withHostDocuments, type HostRow, type TableHost } from './host-rows';

const NO_ROWS: readonly HostRow[] = [];

/** Host documents the table keeps over the pages' rows (the hosts whose editors were opened last), so the map stays bounded. */
export const HOST_DOCUMENTS_KEPT = 20;

type HostsState = {
  hosts: readonly TableHost[];
  /** The host whose threshold editor was opened last: its document is listened to. */
  focusedHost: string | null;
  /** The newest document read of each focused host, newest focus last. */
  documents: readonly TableHost[];
};

/**
 * Every host of the selected tenant, as rows of the hosts table, from the table's pages (at most
 * HOST_TABLE_PAGES documents a second, whatever the number of agents: docs/DATA-MODEL.md). Provided
 * by the table, so its listeners end when the table does. A host's thresholds and silence reach its
 * page with its next batch; the host whose editor was opened last is listened to itself, so a
 * change made through a command shows at once. How the table is filtered and sorted outlives it
 * (HostsViewStore).
 */
export const HostsStore = signalStore(
  withState<HostsState>({ hosts: [], focusedHost: null, documents: [] }),
  withListeners(),
  withClock(STATUS_TICK_MS),
  withComputed(({ hosts, documents, now }, tenant = inject(TenantSettingsStore), view = inject(HostsViewStore)) => {
    const effectiveSettings = tenant.effectiveSettings;
    const shown = computed(() => withHostDocuments(hosts(), new Map(documents().map((doc) => [doc.host, doc]))));
    const tableRows = new TableRows();
    // No row is judged by the default levels while the tenant's own are on their way. A tick or a
    // snapshot that changed no row keeps the same rows, so the sort and the render below skip it.
    const rows = computed<readonly HostRow[]>(() => (tenant.loading() ? NO_ROWS : tableRows.rowsOf(shown(), effectiveSettings(), now())), { equal: sameRows });
    return {
      effectiveSettings,
      rows,
      visibleRows: computed(() => selectRows(rows(), view.query())),
      statusCounts: computed(() => countByStatus(rows().map((row) => row.status))),
    };
  }),
  withMethods((store) => ({
    /** A threshold editor of this host opened: listen to its document (and stop listening to the previous one). */
    focusHost(host: string): void {
      patchState(store, { focusedHost: host });
    },
  })),
  withHooks({
    onInit(store, gateway = inject(HOSTS_GATEWAY), session = inject(SessionStore)) {
      store._listenToTenant('hosts', (tenantId) => gateway.watchHosts(tenantId), (hosts) => {
        // A tenant switch (hosts null) forgets the previous tenant's focus and documents too.
        patchState(store, hosts === null ? { hosts: [], focusedHost: null, documents: [] } : { hosts });
        store._tick();
        // Judged and sorted here, in the snapshot's task, not in the render's: at 2,000 hosts the
        // two were one long task (docs/BENCHMARKS.md); the render then finds the rows made.
        untracked(() => store.visibleRows());
      });
      const focus = computed(() => {
        const tenantId = session.selectedTenantId();
        const host = store.focusedHost();
        return tenantId === null || host === null ? null : { tenantId, host };
      });
      store._listen('focused host', focus, ({ tenantId, host }) => gateway.watchHost(tenantId, host), (doc) => {
        if (doc === null) return;
        const kept = store.documents().filter((other) => other.host !== doc.host);
        patchState(store, { documents: [...kept, tableHostOf(doc)].slice(-HOST_DOCUMENTS_KEPT) });
      });
    },
  }),
);
