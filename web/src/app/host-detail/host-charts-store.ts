import { computed, inject } from '@angular/core';
import { patchState, signalMethod, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { windowsSince, type RecentWindows, type WindowChunkDoc } from '@pulseboard/contracts';
import type { ChartSpan } from '../charts/metric-chart';
import { SessionStore } from '../session/session-store';
import { withClock } from '../stores/with-clock';
import { withListeners } from '../stores/with-listeners';
import { CHART_RANGES, toSeries, type ChartRange } from './chart-ranges';
import { HostStore } from './host-store';
import { WINDOWS_GATEWAY } from './windows-gateway';

/** How often the chart's time range slides forward when no window arrives. */
const RANGE_TICK_MS = 10_000;

type HostChartsState = {
  host: string | null;
  range: ChartRange;
  /** The range's archived chunks; the recent windows are the host document's, held by HostStore. */
  chunks: readonly WindowChunkDoc[];
};

/** Which chunks the charts listen to. */
interface ChartsKey {
  readonly tenantId: string;
  readonly host: string;
  readonly range: ChartRange;
}

/**
 * One host's charts: provided by the host page beside HostStore, so it lives and dies with it. The
 * recent windows are HostStore's (the page listens to its host document once); this store listens
 * only to the chunks a longer range needs.
 */
export const HostChartsStore = signalStore(
  withState<HostChartsState>({ host: null, range: '15m', chunks: [] }),
  withListeners(),
  withClock(RANGE_TICK_MS),
  withComputed(({ chunks, range, now }, hostState = inject(HostStore)) => {
    const since = computed(() => now() - CHART_RANGES[range()].spanMs);
    return {
      series: computed(() => {
        const { resolution } = CHART_RANGES[range()];
        return toSeries(windowsSince(hostState.recentWindows(), chunks(), resolution, since()), resolution, since());
      }),
      /** What the charts' time axes cover: the chosen range up to now, in seconds, however few windows there are. */
      span: computed<ChartSpan>(() => ({ from: since() / 1_000, to: now() / 1_000 })),
    };
  }),
  withMethods((store) => ({
    showHost(host: string): void {
      patchState(store, { host });
    },
    showRange(range: ChartRange): void {
      patchState(store, { range });
    },
  })),
  withHooks({
    onInit(store, gateway = inject(WINDOWS_GATEWAY), session = inject(SessionStore), hostState = inject(HostStore)) {
      // New windows move the range to now, so the newest is inside the time axis before the clock's next tick.
      signalMethod<RecentWindows | undefined>(() => store._tick())(hostState.recentWindows);
      const key = computed((): ChartsKey | null => {
        const tenantId = session.selectedTenantId();
        const host = store.host();
        return tenantId === null || host === null ? null : { tenantId, host, range: store.range() };
      });
      store._listen(
        'chunks',
        key,
        ({ tenantId, host, range }) => gateway.watchChunks(tenantId, host, CHART_RANGES[range].resolution, Date.now() - CHART_RANGES[range].spanMs),
        (chunks) => patchState(store, { chunks: chunks ?? [] }),
      );
    },
  }),
);
