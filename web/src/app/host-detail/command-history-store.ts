import { inject } from '@angular/core';
import { patchState, signalStore, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { COMMANDS_GATEWAY } from '../commands/commands-gateway';
import type { CommandRecord } from '../commands/pending-commands';

type CommandHistoryState = {
  /** Newest first. */
  records: readonly CommandRecord[];
  error: string | null;
};

interface HistorySubject {
  readonly tenantId: string | null;
  readonly host: string;
}

/** One host's audit log, from the commands collection: provided by its view, so it lives and dies with it. */
export const CommandHistoryStore = signalStore(
  withState<CommandHistoryState>({ records: [], error: null }),
  withMethods((store, gateway = inject(COMMANDS_GATEWAY)) => ({
    /** Listens to the host's newest commands in the selected tenant; a change of either starts over. */
    follow: rxMethod<HistorySubject>(
      pipe(
        tap(() => patchState(store, { records: [], error: null })),
        switchMap(({ tenantId, host }) =>
          tenantId === null
            ? EMPTY
            : gateway.watchHostHistory(tenantId, host).pipe(
                tap((records) => patchState(store, { records, error: null })),
                catchError((error: unknown) => {
                  patchState(store, { error: error instanceof Error ? error.message : String(error) });
                  return EMPTY;
                }),
              ),
        ),
      ),
    ),
  })),
);
