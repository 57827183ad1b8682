import { computed, ErrorHandler, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import {
  CARD_METRICS,
  countByStatus,
  levelOf,
  ownValue,
  type AlertLevel,
  type CardMetric,
  type LiveOverviewDoc,
  type TenantDoc,
  type TopHost,
} from '@pulseboard/contracts';
import { animationFrameScheduler, catchError, EMPTY, interval, map, merge, observeOn, switchMap, tap } from 'rxjs';
import { awaitingListeners, listenerDelivered, listenerFailed, withListenerStatus } from '../firebase/with-listener-status';
import { SessionStore } from '../session/session-store';
import { FleetGateway } from './fleet-gateway';
import { fleetFigure } from './fleet-summary';

type Update = (state: FleetState) => Partial<FleetState>;

/** What one live card shows: the latest figure and the recent windows for its sparkline. */
export interface FleetCard {
  readonly metric: CardMetric;
  readonly value: number | null;
  /** The figure judged by the tenant's levels for the metric (a fleet mean CPU at 96 % is critical); null without levels. */
  readonly level: AlertLevel | null;
  readonly history: readonly number[];
  /**
   * The time from the oldest window on the sparkline to the end of the newest. Said on the card: the
   * line is shorter than five minutes while a fleet has reported for less.
   */
  readonly historySpanMs: number;
}

type FleetState = {
  /** The tenant's live summary (docs/DATA-MODEL.md, "The live overview"); null before its first fold. */
  overview: LiveOverviewDoc | null;
  tenant: TenantDoc | null;
  now: number;
};

const initialState: FleetState = { overview: null, tenant: null, now: Date.now() };
const NO_HOSTS = countByStatus([]);
const NO_TOP_HOSTS: readonly TopHost[] = [];

/**
 * The fleet overview of the selected tenant: live cards, health and top hosts, all from one summary
 * document the fold keeps. Provided by the overview page, so its listeners end when the page does.
 */
export const FleetStore = signalStore(
  withState(initialState),
  withListenerStatus(),
  withComputed(({ overview, tenant, now }) => ({
    /** No host and no window folded: a workspace no batch has reached yet. */
    hasNoData: computed(() => {
      const summary = overview();
      return summary === null || (summary.hostCount === 0 && summary.windows.length === 0);
    }),
    cards: computed<FleetCard[]>(() => {
      const windows = overview()?.windows ?? [];
      const latest = windows.at(-1);
      const historySpanMs = windows.length === 0 ? 0 : (windows.at(-1)?.end ?? 0) - (windows[0]?.start ?? 0);
      const thresholds = tenant()?.thresholds;
      return CARD_METRICS.map((metric) => {
        // Past windows on the sparkline reuse the newest window's reporting hosts, so the line shows the trend of the per-host mean.
        const reporting = overview()?.reporting[metric] ?? 0;
        const value = latest ? fleetFigure(metric, latest, now(), reporting) : null;
        const levels = ownValue(thresholds, metric);
        return {
          metric,
          value,
          level: value === null || levels === undefined ? null : levelOf(value, levels),
          history: windows.map((window) => fleetFigure(metric, window, now(), reporting)).filter((figure): figure is number => figure !== null),
          historySpanMs,
        };
      });
    }),
    health: computed(() => overview()?.health ?? NO_HOSTS),
    topByCpu: computed(() => overview()?.topByCpu ?? NO_TOP_HOSTS),
    topByErrors: computed(() => overview()?.topByErrors ?? NO_TOP_HOSTS),
  })),
  withMethods((store, gateway = inject(FleetGateway), errors = inject(ErrorHandler)) => ({
    /** Tears down the previous tenant's listeners and empties the store before listening to the next. */
    _listenTo: rxMethod<string | null>(
      switchMap((tenantId) => {
        const emptied = { overview: null, tenant: null };
        if (tenantId === null) {
          patchState(store, emptied, awaitingListeners());
          return EMPTY;
        }
        patchState(store, emptied, awaitingListeners('overview', 'tenant'));
        const delivered = <T>(name: string) => tap<T>(() => patchState(store, listenerDelivered(name)));
        return merge(
          gateway.liveOverview$(tenantId).pipe(
            delivered('overview'),
            map((overview): Update => () => ({ overview })),
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
      // The filling window's rate moves with time even when no snapshot arrives. The tick lands in
      // an animation frame like the listeners' snapshots, so a frame with both renders once.
      store._tick(interval(1_000).pipe(observeOn(animationFrameScheduler)));
    },
  }),
);
