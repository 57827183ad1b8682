import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import type { FleetSettings, HostDoc } from '@pulseboard/contracts';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { errorMessage } from '../firebase/error-message';
import { FALLBACK_SETTINGS, STATUS_TICK_MS, toHostRow } from '../hosts/host-rows';
import { HOSTS_GATEWAY } from '../hosts/hosts-gateway';
import { SessionStore } from '../session/session-store';
import { HOST_GATEWAY } from './host-gateway';

type HostPageState = {
  host: string | null;
  doc: HostDoc | null;
  settings: FleetSettings | null;
  loaded: boolean;
  error: string | null;
  now: number;
};

const initialState: HostPageState = { host: null, doc: null, settings: null, loaded: false, error: null, now: Date.now() };

interface Subscription {
  readonly tenantId: string | null;
  readonly host: string | null;
}

/**
 * One host's latest state and the tenant's settings, for the host page (which provides it, so it
 * lives and dies with the page). It listens to that host's document only: the page of one host
 * must not hold every host of a 1,000-host fleet (docs/BENCHMARKS.md, bench:ui).
 */
export const HostStore = signalStore(
  withState(initialState),
  withComputed(({ doc, settings, now }) => {
    const effectiveSettings = computed(() => settings() ?? FALLBACK_SETTINGS);
    return {
      effectiveSettings,
      row: computed(() => {
        const current = doc();
        return current === null ? null : toHostRow(current, effectiveSettings(), now());
      }),
    };
  }),
  withMethods((store, hostGateway = inject(HOST_GATEWAY), hostsGateway = inject(HOSTS_GATEWAY)) => {
    const reportError = (error: unknown) => {
      patchState(store, { error: errorMessage(error) });
      return EMPTY;
    };
    return {
      showHost(host: string): void {
        patchState(store, { host });
      },
      _tick(): void {
        patchState(store, { now: Date.now() });
      },
      /** Follows the selected tenant and host; either changing drops what the previous host showed. */
      _followHost: rxMethod<Subscription>(
        pipe(
          tap(() => patchState(store, { doc: null, loaded: false, error: null, now: Date.now() })),
          switchMap(({ tenantId, host }) =>
            tenantId === null || host === null ? EMPTY : hostGateway.watchHost(tenantId, host).pipe(catchError(reportError)),
          ),
          tap((doc) => patchState(store, { doc: doc.value, loaded: true, error: null, now: Date.now() })),
        ),
      ),
      /** The tenant's settings: another host of the same tenant keeps them, another tenant drops them. */
      _followSettings: rxMethod<string | null>(
        pipe(
          tap(() => patchState(store, { settings: null })),
          switchMap((tenantId) => (tenantId === null ? EMPTY : hostsGateway.watchSettings(tenantId).pipe(catchError(reportError)))),
          tap((settings) => patchState(store, { settings })),
        ),
      ),
    };
  }),
  withHooks((store) => {
    const session = inject(SessionStore);
    let clock: ReturnType<typeof setInterval> | undefined;
    return {
      onInit() {
        store._followHost(computed(() => ({ tenantId: session.selectedTenantId(), host: store.host() })));
        store._followSettings(session.selectedTenantId);
        clock = setInterval(() => store._tick(), STATUS_TICK_MS);
      },
      onDestroy: () => clearInterval(clock),
    };
  }),
);
