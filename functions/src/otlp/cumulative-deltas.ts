import { INGEST_LIMITS, OTLP_LIMITS, recordOf, type OtlpSeriesPoint } from '@pulseboard/contracts';
import { newestEntries } from '../ingest/newest-entries';
import type { CumulativePoint, MappedSample } from './map-metrics';

export interface CumulativeDeltas {
  samples: MappedSample[];
  /** The series' last points after this request, per host, to be stored. */
  last: Map<string, Record<string, OtlpSeriesPoint>>;
}

/**
 * Running totals as the increase since the series' previous point, which `last` holds per host.
 * A total below the previous one, or with another start time, is a restart: its whole value is the
 * increase since. A series seen for the first time counts its whole value only when it started
 * within the lateness window (a process that just started); an older one is a baseline only, so a
 * collector restarting never books a day's total as one interval. A point no newer than the
 * stored one (a retry, or out of order) adds nothing.
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
    const restarted = previous !== undefined && (point.value < previous.value || point.start !== previous.start);
    const increase =
      previous === undefined ? (point.start > 0 && point.start >= now - INGEST_LIMITS.maxLatenessMs ? point.value : undefined) : restarted ? point.value : point.value - previous.value;
    if (increase !== undefined) samples.push({ point: point.point, host: point.host, metric: point.metric, value: increase, ts });
  }
  const kept = new Map([...next].map(([host, series]) => [host, newestEntries(series, OTLP_LIMITS.maxSeriesPerHost, (entry) => entry.ts)]));
  return { samples, last: kept };
}
