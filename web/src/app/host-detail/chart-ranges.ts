import {
  ERROR_RATE_METRIC,
  RESOLUTIONS,
  describeMetric,
  orderMetrics,
  ownValue,
  windowFigure,
  type HostWindow,
  type KnownMetric,
  type Resolution,
} from '@pulseboard/contracts';

/** The spans the host page offers, each read from the window resolution that suits it. */
export const CHART_RANGES = {
  '15m': { label: 'Last 15 min', resolution: '10s', spanMs: 15 * 60_000 },
  '24h': { label: 'Last 24 h', resolution: '1m', spanMs: 24 * 3_600_000 },
  '30d': { label: 'Last 30 days', resolution: '1h', spanMs: 30 * 86_400_000 },
} as const satisfies Record<string, { label: string; resolution: Resolution; spanMs: number }>;
export type ChartRange = keyof typeof CHART_RANGES;

/** The metrics every host page charts, reported or not yet; any other metric its windows hold follows them. */
export const ALWAYS_CHARTED = ['cpu', 'requests', 'active_users', ERROR_RATE_METRIC] as const satisfies readonly KnownMetric[];

/** Seconds since the epoch (uPlot's x unit) and one value per window; null where a window lacks the metric. */
export interface Series {
  readonly xs: readonly number[];
  readonly ys: readonly (number | null)[];
}

/** One window's point of a metric: its registry figure over the whole window, of the one host that reported it. */
function pointOf(window: HostWindow, resolution: Resolution, metric: string): number | null {
  return windowFigure(describeMetric(metric), {
    aggregate: ownValue(window.metrics, metric),
    errorCount: window.errorCount,
    elapsedMs: RESOLUTIONS[resolution].ms,
    reportingHosts: 1,
  });
}

/**
 * One series per metric from windows ordered by start, dropping those older than `since`: the
 * always-charted metrics and every other metric the windows hold, known ones first, then by name.
 */
export function toSeries(windows: readonly HostWindow[], resolution: Resolution, since: number): ReadonlyMap<string, Series> {
  const inRange = windows.filter((window) => window.start >= since);
  const xs = inRange.map((window) => window.start / 1_000);
  const metrics = orderMetrics([...ALWAYS_CHARTED, ...inRange.flatMap((window) => Object.keys(window.metrics))]);
  return new Map(metrics.map((metric) => [metric, { xs, ys: inRange.map((window) => pointOf(window, resolution, metric)) }]));
}
