import { computed, ErrorHandler, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import {
  WELL_KNOWN_METRICS,
  type FleetWindowDoc,
  type HostDoc,
  type TenantDoc,
  type WellKnownMetric,
} from '@pulseboard/contracts';
import { animationFrameScheduler, catchError, EMPTY, interval, map, merge, observeOn, switchMap, tap } from 'rxjs';
import { HOST_STATUSES, toHostRow, type HostRow, type HostStatus } from '../hosts/host-rows';
import { SessionStore } from '../session/session-store';
import { FleetGateway, SPARKLINE_WINDOWS } from './fleet-gateway';
import { fleetFigure, latestWindow, sumFleetShards } from './fleet-summary';

const TOP_HOSTS = 5;

/** What one live card shows: the latest figure and the recent windows for its sparkline. */
export interface FleetCard {
  readonly metric: WellKnownMetric;
  readonly value: number | null;
  readonly history: readonly number[];
  /**
   * The time from the oldest window on the sparkline to the end of the newest. Said on the card: a
   * fleet whose windows have many shards gets fewer windows from the overview's listener
   * (docs/DATA-MODEL.md).
   */
  readonly historySpanMs: number;
}

type FleetState = {
  shards: readonly FleetWindowDoc[];
  hosts: readonly HostDoc[];
  tenant: TenantDoc | null;
  now: number;
};

const initialState: FleetState = { shards: [], hosts: [], tenant: null, now: Date.now() };

/** The fleet overview of the selected tenant: live cards, health and top hosts. */
export const FleetStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withComputed(({ shards, hosts, tenant, now }) => {
    const windows = computed(() => sumFleetShards(shards()));
    const rows = computed<HostRow[]>(() => {
      const settings = tenant();
      return settings ? hosts().map((host) => toHostRow(host, settings, now())) : [];
    });
    // Fleet windows carry sample counts, not host counts: the hosts whose latest active_users
    // sample falls in the window are the ones reporting in it. Past windows on the sparkline reuse
    // today's count, so that line shows the trend of the per-host mean.
    const reportingSince = (start: number) =>
      hosts().filter((host) => (host.metrics['active_users']?.ts ?? 0) >= start).length;
    return {
      cards: computed<FleetCard[]>(() => {
        const latest = latestWindow(windows());
        const recent = windows().slice(-SPARKLINE_WINDOWS);
        const historySpanMs = recent.length === 0 ? 0 : (recent.at(-1)?.end ?? 0) - (recent[0]?.start ?? 0);
        const reporting = latest ? reportingSince(latest.start) : 0;
        return WELL_KNOWN_METRICS.map((metric) => ({
          metric,
          value: latest ? fleetFigure(metric, latest, now(), reporting) : null,
          history: recent
            .map((window) => fleetFigure(metric, window, now(), reporting))
            .filter((value): value is number => value !== null),
          historySpanMs,
        }));
      }),
      health: computed(() => {
        const counts = Object.fromEntries(HOST_STATUSES.map((status) => [status, 0])) as Record<HostStatus, number>;
        for (const row of rows()) counts[row.status] += 1;
        return counts;
      }),
      topByCpu: computed(() =>
        rows()
          .filter((row) => row.cpu !== null)
          .sort((a, b) => (b.cpu ?? 0) - (a.cpu ?? 0) || a.host.localeCompare(b.host))
          .slice(0, TOP_HOSTS),
      ),
      topByErrors: computed(() =>
        rows()
          .filter((row) => row.errors > 0)
          .sort((a, b) => b.errors - a.errors || a.host.localeCompare(b.host))
          .slice(0, TOP_HOSTS),
      ),
    };
  }),
  withMethods((store, gateway = inject(FleetGateway), errors = inject(ErrorHandler)) => ({
    /** Tears down the previous tenant's listeners and empties the store before listening to the next. */
    _listenTo: rxMethod<string | null>(
      switchMap((tenantId) => {
        patchState(store, { shards: [], hosts: [], tenant: null });
        if (tenantId === null) return EMPTY;
        return merge(
          gateway.recentShards$(tenantId).pipe(map((shards) => ({ shards }))),
          gateway.hosts$(tenantId).pipe(map((hosts) => ({ hosts }))),
          gateway.tenant$(tenantId).pipe(map((tenant) => ({ tenant }))),
        ).pipe(
          tap((update) => patchState(store, update)),
          // A denied listener (membership just revoked) must not end the store: the next tenant still loads.
          catchError((error: unknown) => {
            errors.handleError(error);
            return EMPTY;
          }),
        );
      }),
    ),
    _tick: rxMethod<number>(tap(() => patchState(store, { now: Date.now() }))),
  })),
  withHooks({
    onInit(store, session = inject(SessionStore)) {
      store._listenTo(session.selectedTenantId);
      // Staleness and the filling window's rate move with time even when no snapshot arrives. The
      // tick lands in an animation frame like the listeners' snapshots, so a frame with both renders once.
      store._tick(interval(1_000).pipe(observeOn(animationFrameScheduler)));
    },
  }),
);
