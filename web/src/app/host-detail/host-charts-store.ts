import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import type { HostWindow } from '@pulseboard/contracts';
import type { ChartSpan } from '../charts/metric-chart';
import { SessionStore } from '../session/session-store';
import { withClock } from '../stores/with-clock';
import { withListeners } from '../stores/with-listeners';
import { CHART_RANGES, toSeries, type ChartRange } from './chart-ranges';
import { WINDOWS_GATEWAY } from './windows-gateway';

/** How often the chart's time range slides forward when no window arrives. */
const RANGE_TICK_MS = 10_000;

type HostChartsState = {
  host: string | null;
  range: ChartRange;
  windows: readonly HostWindow[];
};

/** Which windows the charts listen to. */
interface ChartsKey {
  readonly tenantId: string;
  readonly host: string;
  readonly range: ChartRange;
}

/** One host's charts: provided by the host page, so it lives and dies with it. */
export const HostChartsStore = signalStore(
  withState<HostChartsState>({ host: null, range: '15m', windows: [] }),
  withListeners(),
  withClock(RANGE_TICK_MS),
  withComputed(({ windows, range, now }) => ({
    series: computed(() => toSeries(windows(), CHART_RANGES[range()].resolution, now() - CHART_RANGES[range()].spanMs)),
    /** What the charts' time axes cover: the chosen range up to now, in seconds, however few windows there are. */
    span: computed<ChartSpan>(() => ({ from: (now() - CHART_RANGES[range()].spanMs) / 1_000, to: now() / 1_000 })),
  })),
  withMethods((store) => ({
    showHost(host: string): void {
      patchState(store, { host });
    },
    showRange(range: ChartRange): void {
      patchState(store, { range });
    },
  })),
  withHooks({
    onInit(store, gateway = inject(WINDOWS_GATEWAY), session = inject(SessionStore)) {
      const key = computed((): ChartsKey | null => {
        const tenantId = session.selectedTenantId();
        const host = store.host();
        return tenantId === null || host === null ? null : { tenantId, host, range: store.range() };
      });
      store._listen(
        'windows',
        key,
        ({ tenantId, host, range }) => gateway.watchWindows(tenantId, host, CHART_RANGES[range].resolution, Date.now() - CHART_RANGES[range].spanMs),
        (windows) => {
          patchState(store, { windows: windows ?? [] });
          store._tick();
        },
      );
    },
  }),
);
