import { INGEST_LIMITS, collectdValueList, describeIssues, metricNamePart, safeId, type CollectdValueList } from '@pulseboard/contracts';
import type { MappedSamples } from '../ingest/apply-samples';
import type { CumulativePoint, MappedSample } from '../ingest/cumulative-deltas';

export interface MappedValueLists extends MappedSamples {
  /** Gauges as they are, absolutes per second of their interval. */
  samples: MappedSample[];
  /** Counters and derives: rates against the series' previous point. */
  cumulative: CumulativePoint[];
  refused: Map<number, string>;
}

/**
 * The metric name of a value list's data source, by the rule in README "Send data":
 * `<plugin>[-<plugin_instance>].<type>[-<type_instance>]`, then `.<dsname>` when the type has more
 * than one data source (`cpu-0.cpu-idle`, `load.load.shortterm`); characters outside
 * A-Z a-z 0-9 . _ - become "_".
 */
export function collectdMetricName(list: CollectdValueList, source: number): string {
  const instanced = (name: string, instance: string) => (instance === '' ? name : `${name}-${instance}`);
  const parts = [instanced(list.plugin, list.plugin_instance), instanced(list.type, list.type_instance)];
  if (list.values.length > 1) parts.push(list.dsnames[source] ?? String(source));
  return parts.map(metricNamePart).join('.');
}

/** Values in a body (an array of value lists), counted before any is checked: a body is a batch of at most INGEST_LIMITS.maxEvents. */
export function valueCount(lists: readonly unknown[]): number {
  return lists.reduce<number>((count, list) => {
    const values = typeof list === 'object' && list !== null && 'values' in list ? list.values : undefined;
    return count + (Array.isArray(values) ? values.length : 1);
  }, 0);
}

/**
 * Maps write_http's value lists to samples: host from `host`, one metric per data source. Every
 * value list is checked on its own; one that cannot be read, or whose host or name is not valid,
 * is refused with the reason, as is a value past a batch's width (INGEST_LIMITS: hosts and names).
 */
export function mapValueLists(lists: readonly unknown[]): MappedValueLists {
  const mapped: MappedValueLists = { samples: [], cumulative: [], refused: new Map() };
  const hosts = new Set<string>();
  const names = new Set<string>();
  lists.forEach((item, index) => {
    const refuse = (reason: string) => void (mapped.refused.has(index) || mapped.refused.set(index, reason));
    const parsed = collectdValueList.safeParse(item);
    if (!parsed.success) return refuse(describeIssues(parsed.error));
    const list = parsed.data;
    const host = safeId.safeParse(list.host);
    if (!host.success) return refuse(`host ${list.host.slice(0, 80)}: not a valid host name`);
    if (!hosts.has(host.data) && hosts.size >= INGEST_LIMITS.maxHostsPerBatch) return refuse(`${host.data}: over ${INGEST_LIMITS.maxHostsPerBatch} hosts in one request`);
    hosts.add(host.data);
    const ts = list.time > 0 ? Math.round(list.time * 1000) : undefined;
    list.values.forEach((value, source) => {
      const metric = collectdMetricName(list, source);
      if (!safeId.safeParse(metric).success) return refuse(`${metric.slice(0, 80)}: not a valid metric name (at most 64 of A-Z a-z 0-9 . _ -)`);
      if (value === null) return refuse(`${metric}: NaN (sent as null)`);
      if (!names.has(metric) && names.size >= INGEST_LIMITS.maxMetricsPerBatch) return refuse(`${metric}: over ${INGEST_LIMITS.maxMetricsPerBatch} series in one request`);
      names.add(metric);
      const sample = { point: index, host: host.data, metric, value, ts };
      const type = list.dstypes[source];
      if (type === 'counter' || type === 'derive') mapped.cumulative.push({ ...sample, start: 0, reading: 'rate' });
      else if (type === 'absolute') mapped.samples.push({ ...sample, value: value / list.interval });
      else mapped.samples.push(sample);
    });
  });
  return mapped;
}
