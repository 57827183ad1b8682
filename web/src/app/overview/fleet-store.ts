import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withState } from '@ngrx/signals';
import {
  CARD_METRICS,
  countByStatus,
  levelOf,
  ownValue,
  type AlertLevel,
  type CardMetric,
  type LiveOverviewDoc,
  type TopHost,
} from '@pulseboard/contracts';
import { withClock } from '../stores/with-clock';
import { withListeners } from '../stores/with-listeners';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';
import { FLEET_GATEWAY } from './fleet-gateway';
import { fleetFigure } from './fleet-summary';

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
};

const initialState: FleetState = { overview: null };

/** The filling window's rate moves with time even when no snapshot arrives. */
const RATE_TICK_MS = 1_000;
const NO_HOSTS = countByStatus([]);
const NO_TOP_HOSTS: readonly TopHost[] = [];

/**
 * The fleet overview of the selected tenant: live cards, health and top hosts, all from the newer of
 * the two summary documents the fold keeps (FleetGateway). Provided by the overview page, so its
 * listeners end when the page does.
 */
export const FleetStore = signalStore(
  withState(initialState),
  withListeners(),
  withClock(RATE_TICK_MS),
  withComputed(({ overview, now }, tenant = inject(TenantSettingsStore)) => ({
    /** No host and no window folded: a workspace no batch has reached yet. */
    hasNoData: computed(() => {
      const summary = overview();
      return summary === null || (summary.hostCount === 0 && summary.windows.length === 0);
    }),
    cards: computed<FleetCard[]>(() => {
      const windows = overview()?.windows ?? [];
      const latest = windows.at(-1);
      const historySpanMs = windows.length === 0 ? 0 : (windows.at(-1)?.end ?? 0) - (windows[0]?.start ?? 0);
      const thresholds = tenant.tenant()?.thresholds;
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
  withHooks({
    onInit(store, gateway = inject(FLEET_GATEWAY)) {
      store._listenToTenant('overview', (tenantId) => gateway.watchOverview(tenantId), (overview) => patchState(store, { overview }));
    },
  }),
);
