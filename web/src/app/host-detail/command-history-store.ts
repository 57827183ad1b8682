import { computed, inject } from '@angular/core';
import { LIST_LIMITS } from '@pulseboard/contracts';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, distinctUntilChanged, EMPTY, map, pipe, switchMap, tap } from 'rxjs';
import { COMMANDS_GATEWAY, HOST_HISTORY_PAGE } from '../commands/commands-gateway';
import type { CommandRecord } from '../commands/pending-commands';
import { errorMessage } from '../firebase/error-message';

type CommandHistoryState = {
  /** Newest first. */
  records: readonly CommandRecord[];
  error: string | null;
  /** How many of the newest the listener asks for. */
  shown: number;
};

interface HistorySubject {
  readonly tenantId: string | null;
  readonly host: string;
  readonly shown: number;
}

/** One host's audit log, from the commands collection: provided by its view, so it lives and dies with it. */
export const CommandHistoryStore = signalStore(
  withState<CommandHistoryState>({ records: [], error: null, shown: HOST_HISTORY_PAGE }),
  withComputed(({ records, shown }) => ({
    /** A full page came back, so older commands may exist, and the rules let a listener ask for more. */
    mayHaveOlder: computed(() => records().length >= shown() && shown() < LIST_LIMITS.commands),
  })),
  withMethods((store, gateway = inject(COMMANDS_GATEWAY)) => {
    let listened: HistorySubject | null = null;
    return {
      showOlder(): void {
        patchState(store, { shown: Math.min(store.shown() + HOST_HISTORY_PAGE, LIST_LIMITS.commands) });
      },
      /**
       * Listens to the host's newest commands in the selected tenant. Another tenant or host starts
       * from an empty table and its newest page (a view the router reuses keeps this store); asking
       * for older ones keeps the rows shown until the longer list comes.
       */
      follow: rxMethod<HistorySubject>(
        pipe(
          map((subject) => {
            if (subject.tenantId !== listened?.tenantId || subject.host !== listened.host) {
              patchState(store, { records: [], error: null, shown: HOST_HISTORY_PAGE });
              listened = { ...subject, shown: HOST_HISTORY_PAGE };
            } else {
              listened = subject;
            }
            return listened;
          }),
          // The reset above changes `shown`, so the view asks again with the same subject.
          distinctUntilChanged((a, b) => a.tenantId === b.tenantId && a.host === b.host && a.shown === b.shown),
          switchMap(({ tenantId, host, shown }) =>
            tenantId === null
              ? EMPTY
              : gateway.watchHostHistory(tenantId, host, shown).pipe(
                  tap((records) => patchState(store, { records, error: null })),
                  catchError((error: unknown) => {
                    patchState(store, { error: errorMessage(error) });
                    return EMPTY;
                  }),
                ),
          ),
        ),
      ),
    };
  }),
);
