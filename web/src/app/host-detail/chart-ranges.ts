import { RESOLUTIONS, type Resolution, type WindowDoc } from '@pulseboard/contracts';

/** The spans the host page offers, each read from the window resolution that suits it. */
export const CHART_RANGES = {
  '15m': { label: 'Last 15 min', resolution: '10s', spanMs: 15 * 60_000 },
  '24h': { label: 'Last 24 h', resolution: '1m', spanMs: 24 * 3_600_000 },
  '30d': { label: 'Last 30 days', resolution: '1h', spanMs: 30 * 86_400_000 },
} as const satisfies Record<string, { label: string; resolution: Resolution; spanMs: number }>;
export type ChartRange = keyof typeof CHART_RANGES;

/** The charted metrics and how one window reduces to one point of each. */
export const CHARTED_METRICS = ['cpu', 'requests', 'active_users', 'errors'] as const;
export type ChartedMetric = (typeof CHARTED_METRICS)[number];

/** Seconds since the epoch (uPlot's x unit) and one value per window; null where a window lacks the metric. */
export interface Series {
  readonly xs: readonly number[];
  readonly ys: readonly (number | null)[];
}

const MINUTE_MS = 60_000;

function pointOf(window: WindowDoc, metric: ChartedMetric): number | null {
  // Per minute, the unit of the error-rate thresholds drawn on the chart, whatever the window length.
  if (metric === 'errors') return (window.errors.count * MINUTE_MS) / RESOLUTIONS[window.resolution].ms;
  const aggregate = window.metrics[metric];
  if (!aggregate || aggregate.count === 0) return null;
  // Requests are counter deltas: their sum per window, per second, is the rate people expect.
  if (metric === 'requests') return aggregate.sum / (RESOLUTIONS[window.resolution].ms / 1_000);
  return aggregate.sum / aggregate.count;
}

/** One series per metric from windows ordered by start, dropping those older than `since`. */
export function toSeries(windows: readonly WindowDoc[], since: number): Record<ChartedMetric, Series> {
  const inRange = windows.filter((window) => window.start >= since);
  const xs = inRange.map((window) => window.start / 1_000);
  const entries = CHARTED_METRICS.map((metric) => [metric, { xs, ys: inRange.map((w) => pointOf(w, metric)) }]);
  return Object.fromEntries(entries) as Record<ChartedMetric, Series>;
}
