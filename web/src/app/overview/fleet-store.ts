import { computed, ErrorHandler, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { levelOf, ownValue, type AlertLevel, type HostDigestsDoc, type KnownMetric, type TenantDoc } from '@pulseboard/contracts';
import {
  animationFrameScheduler,
  catchError,
  concatMap,
  EMPTY,
  first,
  from,
  interval,
  map,
  merge,
  observeOn,
  share,
  switchMap,
  tap,
} from 'rxjs';
import { awaitingListeners, listenerDelivered, listenerFailed, withListenerStatus } from '../firebase/with-listener-status';
import { countByStatus, metricValue, toHostRow, type HostRow } from '../hosts/host-rows';
import { SessionStore } from '../session/session-store';
import { FleetGateway } from './fleet-gateway';
import { fleetFigure, latestWindow, newestHostStates, sumFleetShards, type FleetWindow } from './fleet-summary';
import { earlierWindows, missingEarlierStarts, sparklineWindows } from './sparkline-windows';

const TOP_HOSTS = 5;
/** The fleet figures the overview shows as cards, in order; their digests carry what a total needs (host-digests.ts). */
const CARD_METRICS = ['cpu', 'requests', 'active_users'] as const satisfies readonly KnownMetric[];
/**
 * Ingest's error rate decays through the minute after a host's last error (the previous minute
 * weighs less and less); below this the list's one-decimal figure would read 0.
 */
const LEAST_SHOWN_ERROR_RATE = 0.05;

type Update = (state: FleetState) => Partial<FleetState>;

/** What one live card shows: the latest figure and the recent windows for its sparkline. */
export interface FleetCard {
  readonly metric: KnownMetric;
  readonly value: number | null;
  /** The figure judged by the tenant's levels for the metric (a fleet mean CPU at 96 % is critical); null without levels. */
  readonly level: AlertLevel | null;
  readonly history: readonly number[];
  /**
   * The time from the oldest window on the sparkline to the end of the newest. Said on the card: the
   * line is shorter than five minutes while a fleet has reported for less, or while the windows its
   * listener does not hold are still being read (docs/DATA-MODEL.md).
   */
  readonly historySpanMs: number;
}

type FleetState = {
  /** The listener's windows, summed over their shards. */
  live: readonly FleetWindow[];
  /** Closed windows before the live ones (earlierWindows). */
  earlier: readonly FleetWindow[];
  /** What the overview knows of every host: their digests, one document per fleet shard. */
  digests: readonly HostDigestsDoc[];
  tenant: TenantDoc | null;
  now: number;
};

const initialState: FleetState = { live: [], earlier: [], digests: [], tenant: null, now: Date.now() };

/**
 * The fleet overview of the selected tenant: live cards, health and top hosts. Provided by the
 * overview page, so its listeners end when the page does: every document a listener holds costs
 * the SDK work on each snapshot, on whatever page the user has moved on to (docs/BENCHMARKS.md).
 */
export const FleetStore = signalStore(
  withState(initialState),
  withListenerStatus(),
  withComputed(({ live, earlier, digests, tenant, now }) => {
    const sparkline = computed(() => sparklineWindows([...earlier(), ...live()]));
    const hosts = computed(() => newestHostStates(digests()));
    const rows = computed<HostRow[]>(() => {
      const settings = tenant();
      return settings ? hosts().map((host) => toHostRow(host, settings, now())) : [];
    });
    // Fleet windows carry sample counts, not host counts: the hosts whose latest sample of the
    // metric falls in the window are the ones reporting in it. Past windows on the sparkline reuse
    // today's count, so that line shows the trend of the per-host mean.
    const reportingSince = (metric: KnownMetric, start: number) =>
      hosts().filter((host) => (ownValue(host.metrics, metric)?.ts ?? 0) >= start).length;
    return {
      /** Neither a host digest nor a fleet window: a workspace no batch has reached yet. */
      hasNoData: computed(() => hosts().length === 0 && sparkline().length === 0),
      cards: computed<FleetCard[]>(() => {
        const windows = sparkline();
        const latest = latestWindow(windows);
        const historySpanMs = windows.length === 0 ? 0 : (windows.at(-1)?.end ?? 0) - (windows[0]?.start ?? 0);
        const thresholds = tenant()?.thresholds;
        return CARD_METRICS.map((metric) => {
          const reporting = latest ? reportingSince(metric, latest.start) : 0;
          const value = latest ? fleetFigure(metric, latest, now(), reporting) : null;
          const levels = ownValue(thresholds, metric);
          return {
            metric,
            value,
            level: value === null || levels === undefined ? null : levelOf(value, levels),
            history: windows
              .map((window) => fleetFigure(metric, window, now(), reporting))
              .filter((figure): figure is number => figure !== null),
            historySpanMs,
          };
        });
      }),
      health: computed(() => countByStatus(rows())),
      topByCpu: computed(() =>
        rows()
          .flatMap((row) => {
            const cpu = metricValue(row, 'cpu');
            return cpu === null ? [] : [{ host: row.host, cpu }];
          })
          .sort((a, b) => b.cpu - a.cpu || a.host.localeCompare(b.host))
          .slice(0, TOP_HOSTS),
      ),
      topByErrors: computed(() =>
        rows()
          .filter((row) => row.errors >= LEAST_SHOWN_ERROR_RATE)
          .sort((a, b) => b.errors - a.errors || a.host.localeCompare(b.host))
          .slice(0, TOP_HOSTS),
      ),
    };
  }),
  withMethods((store, gateway = inject(FleetGateway), errors = inject(ErrorHandler)) => {
    const reportAndStop = (error: unknown) => {
      errors.handleError(error);
      return EMPTY;
    };
    const delivered = <T>(name: string) => tap<T>(() => patchState(store, listenerDelivered(name)));
    return {
      /** Tears down the previous tenant's listeners and empties the store before listening to the next. */
      _listenTo: rxMethod<string | null>(
        switchMap((tenantId) => {
          const emptied = { live: [], earlier: [], digests: [], tenant: null };
          if (tenantId === null) {
            patchState(store, emptied, awaitingListeners());
            return EMPTY;
          }
          patchState(store, emptied, awaitingListeners('shards', 'digests', 'tenant'));
          const recent$ = gateway.recentShards$(tenantId).pipe(share());
          // The first time the server's answer reaches the listener's limit, the listener lacks the
          // sparkline's older windows that the store does not already keep: read them once, newest
          // first, one window per read so no read parses hundreds of shards at once.
          const earlierRead$ = recent$.pipe(
            first((recent) => recent.capped && !recent.fromCache),
            switchMap((recent) => from(missingEarlierStarts([...store.earlier(), ...sumFleetShards(recent.shards)]))),
            concatMap((start) => gateway.windowShards$(tenantId, start)),
            map((shards): Update => (state) => ({ earlier: earlierWindows([...state.earlier, ...sumFleetShards(shards)], state.live) })),
            // A failed read leaves the sparkline shorter; it must not end the live listeners.
            catchError(reportAndStop),
          );
          return merge(
            recent$.pipe(
              delivered('shards'),
              map(({ shards }): Update => (state) => {
                const live = sumFleetShards(shards);
                // Windows the limit pushed out of the listener are closed: the sparkline keeps their last sums.
                return { live, earlier: earlierWindows([...state.earlier, ...state.live], live) };
              }),
            ),
            earlierRead$,
            gateway.hostDigests$(tenantId).pipe(
              delivered('digests'),
              map((digests): Update => () => ({ digests })),
            ),
            gateway.tenant$(tenantId).pipe(
              delivered('tenant'),
              map((tenant): Update => () => ({ tenant })),
            ),
          ).pipe(
            tap((update) => patchState(store, update)),
            // A denied listener (membership just revoked) must not end the store: the next tenant still
            // loads. The page says why its figures stopped.
            catchError((error: unknown) => {
              patchState(store, listenerFailed(error));
              return reportAndStop(error);
            }),
          );
        }),
      ),
      _tick: rxMethod<number>(tap(() => patchState(store, { now: Date.now() }))),
    };
  }),
  withHooks({
    onInit(store, session = inject(SessionStore)) {
      store._listenTo(session.selectedTenantId);
      // Staleness and the filling window's rate move with time even when no snapshot arrives. The
      // tick lands in an animation frame like the listeners' snapshots, so a frame with both renders once.
      store._tick(interval(1_000).pipe(observeOn(animationFrameScheduler)));
    },
  }),
);
