import { inject } from '@angular/core';
import { patchState, signalStore, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, map, merge, of, switchMap, tap } from 'rxjs';
import { errorMessage } from '../firebase/error-message';
import { SessionStore } from '../session/session-store';
import { workspaceSummary, type WorkspaceSummary } from './workspace-summary';
import { WORKSPACES_GATEWAY } from './workspaces-gateway';

/** One row of the page: loading, read, or why it could not be read. */
export type WorkspaceRow =
  | { readonly tenantId: string; readonly state: 'loading' }
  | { readonly tenantId: string; readonly state: 'read'; readonly summary: WorkspaceSummary }
  | { readonly tenantId: string; readonly state: 'failed'; readonly error: string };

type WorkspacesState = { rows: readonly WorkspaceRow[] };

/** Every workspace of the signed-in user with its hosts by status and open alerts, read once per visit (or refresh). */
export const WorkspacesStore = signalStore(
  withState<WorkspacesState>({ rows: [] }),
  withMethods((store, gateway = inject(WORKSPACES_GATEWAY), session = inject(SessionStore)) => {
    const setRow = (row: WorkspaceRow) =>
      patchState(store, ({ rows }) => ({ rows: rows.map((shown) => (shown.tenantId === row.tenantId ? row : shown)) }));
    const read = rxMethod<readonly string[]>(
      switchMap((tenantIds) => {
        patchState(store, { rows: tenantIds.map((tenantId): WorkspaceRow => ({ tenantId, state: 'loading' })) });
        return merge(
          ...tenantIds.map((tenantId) =>
            gateway.readWorkspace(tenantId).pipe(
              map((reading): WorkspaceRow => ({ tenantId, state: 'read', summary: workspaceSummary(reading, Date.now()) })),
              catchError((error: unknown) => of<WorkspaceRow>({ tenantId, state: 'failed', error: errorMessage(error) })),
            ),
          ),
        ).pipe(tap(setRow));
      }),
    );
    return {
      _read: read,
      refresh(): void {
        read(session.tenantIds());
      },
    };
  }),
  withHooks({
    onInit(store, session = inject(SessionStore)) {
      store._read(session.tenantIds);
    },
  }),
);
