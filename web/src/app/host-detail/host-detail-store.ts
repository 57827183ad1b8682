import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import type { HostWindow } from '@pulseboard/contracts';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import type { ChartSpan } from '../charts/metric-chart';
import { errorMessage } from '../firebase/error-message';
import { SessionStore } from '../session/session-store';
import { CHART_RANGES, toSeries, type ChartRange } from './chart-ranges';
import { WINDOWS_GATEWAY } from './windows-gateway';

/** How often the chart's time range slides forward when no window arrives. */
const RANGE_TICK_MS = 10_000;

type HostDetailState = {
  host: string | null;
  range: ChartRange;
  windows: readonly HostWindow[];
  loaded: boolean;
  error: string | null;
  now: number;
};

const initialState: HostDetailState = { host: null, range: '15m', windows: [], loaded: false, error: null, now: Date.now() };

interface Subscription {
  readonly tenantId: string | null;
  readonly host: string | null;
  readonly range: ChartRange;
}

/** One host's charts: provided by the host page, so it lives and dies with it. */
export const HostDetailStore = signalStore(
  withState(initialState),
  withComputed(({ windows, range, now }) => ({
    series: computed(() => toSeries(windows(), CHART_RANGES[range()].resolution, now() - CHART_RANGES[range()].spanMs)),
    /** What the charts' time axes cover: the chosen range up to now, in seconds, however few windows there are. */
    span: computed<ChartSpan>(() => ({ from: (now() - CHART_RANGES[range()].spanMs) / 1_000, to: now() / 1_000 })),
  })),
  withMethods((store, gateway = inject(WINDOWS_GATEWAY)) => ({
    showHost(host: string): void {
      patchState(store, { host });
    },
    showRange(range: ChartRange): void {
      patchState(store, { range });
    },
    _tick(): void {
      patchState(store, { now: Date.now() });
    },
    _follow: rxMethod<Subscription>(
      pipe(
        tap(() => patchState(store, { windows: [], loaded: false, error: null, now: Date.now() })),
        switchMap(({ tenantId, host, range }) => {
          if (tenantId === null || host === null) return EMPTY;
          const { resolution, spanMs } = CHART_RANGES[range];
          return gateway.watchWindows(tenantId, host, resolution, Date.now() - spanMs).pipe(
            catchError((error: unknown) => {
              patchState(store, { error: errorMessage(error) });
              return EMPTY;
            }),
          );
        }),
        tap((windows) => patchState(store, { windows, loaded: true, now: Date.now() })),
      ),
    ),
  })),
  withHooks((store) => {
    const session = inject(SessionStore);
    let clock: ReturnType<typeof setInterval> | undefined;
    return {
      onInit() {
        store._follow(computed(() => ({ tenantId: session.selectedTenantId(), host: store.host(), range: store.range() })));
        clock = setInterval(() => store._tick(), RANGE_TICK_MS);
      },
      onDestroy: () => clearInterval(clock),
    };
  }),
);
