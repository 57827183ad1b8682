import { computed, inject } from '@angular/core';
import { LIST_LIMITS } from '@pulseboard/contracts';
import { patchState, signalMethod, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { COMMANDS_GATEWAY, HOST_HISTORY_PAGE } from '../commands/commands-gateway';
import type { CommandRecord } from '../commands/pending-commands';
import { withListeners } from '../stores/with-listeners';

type CommandHistoryState = {
  /** Whose history is shown: the selected tenant and the page's host. */
  tenantId: string | null;
  host: string | null;
  /** Newest first. */
  records: readonly CommandRecord[];
  /** How many of the newest the listener asks for. */
  shown: number;
};

/** Which host's history the listener follows, and how many of its newest commands. */
interface HistoryKey {
  readonly tenantId: string;
  readonly host: string;
  readonly shown: number;
}

/** One host's audit log, from the commands collection: provided by its view, so it lives and dies with it. */
export const CommandHistoryStore = signalStore(
  withState<CommandHistoryState>({ tenantId: null, host: null, records: [], shown: HOST_HISTORY_PAGE }),
  withListeners(),
  withComputed(({ records, shown }) => ({
    /** A full page came back, so older commands may exist, and the rules let a listener ask for more. */
    mayHaveOlder: computed(() => records().length >= shown() && shown() < LIST_LIMITS.commands),
  })),
  withMethods((store) => ({
    showOlder(): void {
      patchState(store, { shown: Math.min(store.shown() + HOST_HISTORY_PAGE, LIST_LIMITS.commands) });
    },
    /**
     * Shows the host's newest commands in the tenant. Another tenant or host starts from an empty
     * table and its newest page (a view the router reuses keeps this store); asking for older ones
     * keeps the rows shown until the longer list comes.
     */
    follow: signalMethod<{ readonly tenantId: string | null; readonly host: string }>(({ tenantId, host }) => {
      if (tenantId !== store.tenantId() || host !== store.host()) patchState(store, { tenantId, host, records: [], shown: HOST_HISTORY_PAGE });
    }),
  })),
  withHooks({
    onInit(store, gateway = inject(COMMANDS_GATEWAY)) {
      const key = computed((): HistoryKey | null => {
        const tenantId = store.tenantId();
        const host = store.host();
        return tenantId === null || host === null ? null : { tenantId, host, shown: store.shown() };
      });
      store._listen('history', key, ({ tenantId, host, shown }) => gateway.watchHostHistory(tenantId, host, shown), (records) => {
        if (records !== null) patchState(store, { records });
      });
    },
  }),
);
