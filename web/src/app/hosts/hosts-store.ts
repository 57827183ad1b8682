import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { DEFAULT_THRESHOLDS, type HostDoc } from '@pulseboard/contracts';
import { catchError, combineLatest, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { errorMessage } from '../firebase/error-message';
import { SessionStore } from '../session/session-store';
import { HOSTS_GATEWAY } from './hosts-gateway';
import {
  HOST_STATUSES,
  selectRows,
  toHostRow,
  type FleetSettings,
  type HostStatus,
  type RowQuery,
  type SortKey,
} from './host-rows';

/** What a tenant without its own settings gets, matching what ingest assumes. */
const FALLBACK_SETTINGS: FleetSettings = { thresholds: DEFAULT_THRESHOLDS, staleAfterSeconds: 30 };
/** Staleness is a matter of seconds: re-evaluate it this often even when nothing arrives. */
const CLOCK_TICK_MS = 1_000;

type HostsState = {
  tenantId: string | null;
  docs: readonly HostDoc[];
  settings: FleetSettings | null;
  loaded: boolean;
  fromCache: boolean;
  error: string | null;
  now: number;
  query: RowQuery;
};

const initialState: HostsState = {
  tenantId: null,
  docs: [],
  settings: null,
  loaded: false,
  fromCache: false,
  error: null,
  now: Date.now(),
  query: { text: '', status: null, sortBy: 'status', direction: 'desc' },
};

export const HostsStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withComputed(({ docs, settings, now, query }) => {
    const effectiveSettings = computed(() => settings() ?? FALLBACK_SETTINGS);
    const rows = computed(() => docs().map((doc) => toHostRow(doc, effectiveSettings(), now())));
    return {
      effectiveSettings,
      rows,
      visibleRows: computed(() => selectRows(rows(), query())),
      statusCounts: computed(() => {
        const counts = Object.fromEntries(HOST_STATUSES.map((status) => [status, 0])) as Record<HostStatus, number>;
        for (const row of rows()) counts[row.status]++;
        return counts;
      }),
    };
  }),
  withMethods((store, gateway = inject(HOSTS_GATEWAY)) => ({
    filterByText(text: string): void {
      patchState(store, { query: { ...store.query(), text } });
    },
    filterByStatus(status: HostStatus | null): void {
      patchState(store, { query: { ...store.query(), status } });
    },
    /** Sorts by a column; choosing the current column again reverses the direction. */
    sortBy(sortBy: SortKey): void {
      const current = store.query();
      const direction = current.sortBy === sortBy && current.direction === 'desc' ? 'asc' : 'desc';
      patchState(store, { query: { ...current, sortBy, direction } });
    },
    hostDoc(host: string): HostDoc | null {
      return store.docs().find((doc) => doc.host === host) ?? null;
    },
    _tick(): void {
      patchState(store, { now: Date.now() });
    },
    /** Follows the selected tenant; a switch drops every document of the previous one. */
    _followTenant: rxMethod<string | null>(
      pipe(
        tap((tenantId) => patchState(store, { ...initialState, now: Date.now(), query: store.query(), tenantId })),
        switchMap((tenantId) =>
          tenantId === null
            ? EMPTY
            : combineLatest([gateway.watchHosts(tenantId), gateway.watchSettings(tenantId)]).pipe(
                catchError((error: unknown) => {
                  patchState(store, { error: errorMessage(error) });
                  return EMPTY;
                }),
              ),
        ),
        tap(([hosts, settings]) =>
          patchState(store, {
            docs: hosts.value,
            fromCache: hosts.fromCache,
            settings,
            loaded: true,
            error: null,
            now: Date.now(),
          }),
        ),
      ),
    ),
  })),
  withHooks((store) => {
    const tenantId = inject(SessionStore).selectedTenantId;
    let clock: ReturnType<typeof setInterval> | undefined;
    return {
      onInit() {
        store._followTenant(tenantId);
        clock = setInterval(() => store._tick(), CLOCK_TICK_MS);
      },
      onDestroy: () => clearInterval(clock),
    };
  }),
);
