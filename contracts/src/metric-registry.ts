import { RESOLUTIONS, windowStart, type Aggregate } from './metrics';
import { ownValue } from './records';
import type { ThresholdLevels } from './thresholds';

/**
 * What a metric is. A gauge is a value at an instant (cpu percent, sessions open now), which hosts
 * combine by their mean or by their total; a counter is what happened since the host's previous
 * sample (a delta), shown per second; a rate is a figure per minute that ingest derives from events
 * rather than an agent's samples (the error rate).
 */
export type MetricKind =
  | { readonly kind: 'gauge'; readonly fleet: 'mean' | 'total' }
  | { readonly kind: 'counter' }
  | { readonly kind: 'rate' };

export type MetricDescription = MetricKind & {
  /** What people call it, in a card title or a chart's caption. */
  readonly label: string;
  /** Shown after a figure ('%', '/s'); empty for a plain count or an unknown metric. */
  readonly unit: string;
  /** The fraction digits a figure is shown with. */
  readonly digits: { readonly min: number; readonly max: number };
  /** The values the metric can take: where a chart's axis may go and what threshold levels may be. */
  readonly range: { readonly min: number; readonly max: number };
  /** The levels a new tenant alerts on; null when the metric alerts only once someone sets levels. */
  readonly defaultThresholds: ThresholdLevels | null;
};

/** The metric name under which error-rate alerts live (errors per minute per host). */
export const ERROR_RATE_METRIC = 'errors';

/** The range of a metric with no upper bound: counts, rates, any metric the registry does not know. */
export const OPEN_RANGE: MetricDescription['range'] = { min: 0, max: Number.POSITIVE_INFINITY };

/**
 * The metrics whose meaning the dashboard knows. Agents may send any other safe metric name: it is
 * described by `describeMetric` as a generic gauge. Adding a metric here is the whole change: every
 * field is required, and the places that list metrics by name are typed over `KnownMetric`.
 */
export const KNOWN_METRICS = {
  cpu: {
    kind: 'gauge',
    fleet: 'mean',
    label: 'CPU',
    unit: '%',
    digits: { min: 1, max: 1 },
    range: { min: 0, max: 100 },
    defaultThresholds: { warning: 80, critical: 95 },
  },
  requests: { kind: 'counter', label: 'Requests', unit: '/s', digits: { min: 0, max: 1 }, range: OPEN_RANGE, defaultThresholds: null },
  active_users: {
    kind: 'gauge',
    fleet: 'total',
    label: 'Active users',
    unit: '',
    digits: { min: 0, max: 0 },
    range: OPEN_RANGE,
    defaultThresholds: null,
  },
  [ERROR_RATE_METRIC]: {
    kind: 'rate',
    label: 'Errors',
    unit: '/min',
    digits: { min: 0, max: 1 },
    range: OPEN_RANGE,
    defaultThresholds: { warning: 5, critical: 20 },
  },
  /** Bytes received since the host's previous sample (the simulator replays EC2 network-in). */
  network_in: { kind: 'counter', label: 'Network in', unit: 'B/s', digits: { min: 0, max: 0 }, range: OPEN_RANGE, defaultThresholds: null },
} as const satisfies Record<string, MetricDescription>;
export type KnownMetric = keyof typeof KNOWN_METRICS;
/** The known metrics in the order the dashboard lists them. */
export const KNOWN_METRIC_NAMES = Object.keys(KNOWN_METRICS) as KnownMetric[];

export function isKnownMetric(name: string): name is KnownMetric {
  return Object.hasOwn(KNOWN_METRICS, name);
}

/**
 * A metric the dashboard has never heard of: a gauge, no unit, no default threshold, levels of at
 * least 0 (as before there was a registry), labelled by its name.
 */
function genericMetric(name: string): MetricDescription {
  return { kind: 'gauge', fleet: 'mean', label: name, unit: '', digits: { min: 0, max: 2 }, range: OPEN_RANGE, defaultThresholds: null };
}

/** What any metric name means: its registry entry, or the generic description. */
export function describeMetric(name: string): MetricDescription {
  return ownValue<MetricDescription>(KNOWN_METRICS, name) ?? genericMetric(name);
}

/** Known metrics first, in the registry's order, then the rest by name: how every list of metrics is ordered. */
export function orderMetrics(names: Iterable<string>): string[] {
  const distinct = new Set(names);
  const known = KNOWN_METRIC_NAMES.filter((name) => distinct.has(name));
  const others = [...distinct].filter((name) => !isKnownMetric(name)).sort();
  return [...known, ...others];
}

/** The tenant-wide levels a new tenant starts with: every known metric's default thresholds. */
export const DEFAULT_THRESHOLDS: Readonly<Record<string, ThresholdLevels>> = Object.fromEntries(
  KNOWN_METRIC_NAMES.flatMap((name) => {
    const levels: ThresholdLevels | null = KNOWN_METRICS[name].defaultThresholds;
    return levels === null ? [] : [[name, levels]];
  }),
);

/** What one window holds of a metric, for its figure. */
export interface WindowFigureInput {
  /** The metric's aggregate in the window (a rate has none: it comes from errorCount). */
  readonly aggregate: Aggregate | undefined;
  readonly errorCount: number;
  /** The part of the window its figure is taken over: the whole of a closed one, the elapsed part of one filling. */
  readonly elapsedMs: number;
  /** The hosts whose samples the window holds: 1 for a host's window. */
  readonly reportingHosts: number;
}

const MINUTE_MS = 60_000;

/**
 * One window's figure of a metric, by its kind: a gauge's mean sample (times the reporting hosts
 * when the fleet figure is a total), a counter's sum per second, the error rate per minute. Null
 * when the window has no sample of a gauge or counter.
 */
export function windowFigure(description: MetricDescription, { aggregate, errorCount, elapsedMs, reportingHosts }: WindowFigureInput): number | null {
  if (description.kind === 'rate') return (errorCount * MINUTE_MS) / elapsedMs;
  if (aggregate === undefined || aggregate.count === 0) return null;
  if (description.kind === 'counter') return aggregate.sum / (elapsedMs / 1_000);
  const mean = aggregate.sum / aggregate.count;
  return description.fleet === 'total' ? mean * Math.max(reportingHosts, 1) : mean;
}

/**
 * A host's errors per minute at `ts` (the error rate its alerts judge), as a sliding window over its
 * 1 m windows: the current minute's count plus the previous minute's, weighted by how much of it
 * the last 60 s still cover.
 */
export function errorsPerMinute(ts: number, currentCount: number, previousCount: number): number {
  const elapsed = (ts - windowStart(ts, '1m')) / RESOLUTIONS['1m'].ms;
  return currentCount + previousCount * (1 - elapsed);
}
