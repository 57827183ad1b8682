import { INGEST_LIMITS, OTLP_LIMITS, recordOf, type OtlpSeriesPoint } from '@pulseboard/contracts';
import { newestEntries } from './newest-entries';

/** A sample for the ingest pipeline, with the index of the item of the request (OTLP data point, collectd value list) it came from. */
export interface MappedSample {
  point: number;
  host: string;
  metric: string;
  value: number;
  ts: number | undefined;
}

/**
 * What a running total becomes: its increase since the series' previous point (OTLP's monotonic
 * cumulative sums), or that increase per second (collectd's counters and derives).
 */
export type RunningTotalReading = 'increase' | 'rate';

/** A point of a running total since `start` (0: unknown), turned into a sample against the series' previous point. */
export interface CumulativePoint extends MappedSample {
  start: number;
  reading: RunningTotalReading;
}

export interface CumulativeDeltas {
  samples: MappedSample[];
  /** The series' last points after this request, per host, to be stored. */
  last: Map<string, Record<string, OtlpSeriesPoint>>;
}

/**
 * The sample a running total gives against the series' previous point, or none. A total below the
 * previous one, or with another start time, is a restart: as an increase its whole value counts
 * (all of it came since); as a rate it is a new baseline, since when in the interval it restarted
 * is unknown. A series seen for the first time counts its whole value as an increase only when it
 * started within the lateness window (a process that just started), so a collector restarting
 * never books a day's total as one interval; a rate needs two points.
 */
function readingOf(point: CumulativePoint, previous: OtlpSeriesPoint | undefined, ts: number, now: number): number | undefined {
  if (previous === undefined) {
    const startedRecently = point.start > 0 && point.start >= now - INGEST_LIMITS.maxLatenessMs;
    return point.reading === 'increase' && startedRecently ? point.value : undefined;
  }
  const restarted = point.value < previous.value || point.start !== previous.start;
  if (point.reading === 'rate') return restarted ? undefined : (point.value - previous.value) / ((ts - previous.ts) / 1000);
  return restarted ? point.value : point.value - previous.value;
}

/**
 * Running totals as samples against the previous point of their series, which `last` holds per
 * host (readingOf says how). A point no newer than the stored one (a retry, or out of order) adds
 * nothing and leaves the stored point as it is.
 */
export function cumulativeDeltas(points: readonly CumulativePoint[], last: ReadonlyMap<string, Readonly<Record<string, OtlpSeriesPoint>>>, now: number): CumulativeDeltas {
  const samples: MappedSample[] = [];
  const next = new Map<string, Record<string, OtlpSeriesPoint>>();
  for (const point of points) {
    const series = next.get(point.host) ?? recordOf(Object.entries(last.get(point.host) ?? {}));
    next.set(point.host, series);
    const ts = point.ts ?? now;
    const previous = Object.hasOwn(series, point.metric) ? series[point.metric] : undefined;
    if (previous !== undefined && ts <= previous.ts) continue;
    series[point.metric] = { start: point.start, value: point.value, ts };
    const value = readingOf(point, previous, ts, now);
    if (value !== undefined) samples.push({ point: point.point, host: point.host, metric: point.metric, value, ts });
  }
  const kept = new Map([...next].map(([host, series]) => [host, newestEntries(series, OTLP_LIMITS.maxSeriesPerHost, (entry) => entry.ts)]));
  return { samples, last: kept };
}
