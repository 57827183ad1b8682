import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { countByStatus, type FleetSettings, type HostDoc } from '@pulseboard/contracts';
import { catchError, combineLatest, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { errorMessage } from '../firebase/error-message';
import { SessionStore } from '../session/session-store';
import { HOSTS_GATEWAY } from './hosts-gateway';
import { HostsQuery } from './hosts-query';
import { FALLBACK_SETTINGS, selectRows, STATUS_TICK_MS, toHostRow } from './host-rows';

type HostsState = {
  tenantId: string | null;
  docs: readonly HostDoc[];
  settings: FleetSettings | null;
  loaded: boolean;
  fromCache: boolean;
  error: string | null;
  now: number;
};

const initialState: HostsState = {
  tenantId: null,
  docs: [],
  settings: null,
  loaded: false,
  fromCache: false,
  error: null,
  now: Date.now(),
};

/**
 * Every host of the selected tenant, as rows of the hosts table. Provided by the table, so its
 * listener ends when the table does: holding every host costs the SDK work on each snapshot, on
 * whatever page the user has moved on to (docs/BENCHMARKS.md). How the table is filtered and
 * sorted outlives it (HostsQuery).
 */
export const HostsStore = signalStore(
  withState(initialState),
  withComputed(({ docs, settings, now }, view = inject(HostsQuery)) => {
    const effectiveSettings = computed(() => settings() ?? FALLBACK_SETTINGS);
    const rows = computed(() => docs().map((doc) => toHostRow(doc, effectiveSettings(), now())));
    return {
      effectiveSettings,
      rows,
      visibleRows: computed(() => selectRows(rows(), view.query())),
      statusCounts: computed(() => countByStatus(rows().map((row) => row.status))),
    };
  }),
  withMethods((store, gateway = inject(HOSTS_GATEWAY)) => ({
    _tick(): void {
      patchState(store, { now: Date.now() });
    },
    /** Follows the selected tenant; a switch drops every document of the previous one. */
    _followTenant: rxMethod<string | null>(
      pipe(
        tap((tenantId) => patchState(store, { ...initialState, now: Date.now(), tenantId })),
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
        clock = setInterval(() => store._tick(), STATUS_TICK_MS);
      },
      onDestroy: () => clearInterval(clock),
    };
  }),
);
