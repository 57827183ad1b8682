import { computed, inject } from '@angular/core';
import { patchState, signalStore, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { errorMessage } from '../firebase/error-message';
import type { PageCursor } from '../firebase/uncached-reads';
import { SessionStore } from '../session/session-store';
import { AUDIT_PAGE, AUDIT_GATEWAY, NO_AUDIT_FILTER, type AuditFilter, type AuditRecord } from './audit-gateway';

type AuditState = {
  /** Newest first: the pages read so far. */
  entries: readonly AuditRecord[];
  filter: AuditFilter;
  loading: boolean;
  error: string | null;
  /** The last page came back full, so older entries may exist. */
  mayHaveOlder: boolean;
};

interface PageRequest {
  readonly tenantId: string | null;
  readonly filter: AuditFilter;
  /** null: the first page, replacing what is shown. */
  readonly after: PageCursor | null;
}

/** The selected tenant's audit log (admins), newest first, a page at a time; a new filter or tenant starts over. */
export const AuditStore = signalStore(
  withState<AuditState>({ entries: [], filter: NO_AUDIT_FILTER, loading: false, error: null, mayHaveOlder: false }),
  withMethods((store, gateway = inject(AUDIT_GATEWAY), session = inject(SessionStore)) => {
    const read = rxMethod<PageRequest>(
      pipe(
        // A new filter or tenant drops an older page still on its way.
        switchMap(({ tenantId, filter, after }) => {
          patchState(store, after === null ? { entries: [], mayHaveOlder: false } : {}, { loading: tenantId !== null, error: null });
          if (tenantId === null) return EMPTY;
          return gateway.readPage(tenantId, filter, after).pipe(
            tap((page) =>
              patchState(store, {
                entries: after === null ? page : [...store.entries(), ...page],
                mayHaveOlder: page.length >= AUDIT_PAGE,
                loading: false,
              }),
            ),
            catchError((error: unknown) => {
              patchState(store, { loading: false, error: errorMessage(error) });
              return EMPTY;
            }),
          );
        }),
      ),
    );
    return {
      _read: read,
      filterBy(filter: AuditFilter): void {
        patchState(store, { filter });
      },
      /** Reads the newest page again (the page is not live: acts since it opened show after this). */
      refresh(): void {
        read({ tenantId: session.selectedTenantId(), filter: store.filter(), after: null });
      },
      showOlder(): void {
        const last = store.entries().at(-1);
        if (last === undefined || !store.mayHaveOlder() || store.loading()) return;
        read({ tenantId: session.selectedTenantId(), filter: store.filter(), after: { value: last.at, id: last.id } });
      },
    };
  }),
  withHooks({
    onInit(store, session = inject(SessionStore)) {
      store._read(computed(() => ({ tenantId: session.selectedTenantId(), filter: store.filter(), after: null })));
    },
  }),
);
