import {
  AGGREGATION_TEMPORALITY,
  INGEST_LIMITS,
  OTLP_LIMITS,
  metricNamePart,
  safeId,
  type OtlpAttributes,
  type OtlpHistogramPoint,
  type OtlpMetric,
  type OtlpMetricsRequest,
  type OtlpNumberPoint,
} from '@pulseboard/contracts';
import type { CumulativePoint, MappedSample } from '../ingest/cumulative-deltas';

export interface MappedRequest {
  /** Gauges, delta sums, non-monotonic sums, histogram min and max: samples as they are. */
  samples: MappedSample[];
  cumulative: CumulativePoint[];
  /** Why each refused data point was refused, by its index in the request. */
  refused: Map<number, string>;
  points: number;
}

/** The resource attributes naming a host, in order of preference. */
export const HOST_ATTRIBUTES = ['host.name', 'service.instance.id', 'service.name'] as const;

function attributeText(attributes: OtlpAttributes, key: string): string | undefined {
  const value = attributes?.find((attribute) => attribute.key === key)?.value;
  if (value === undefined) return undefined;
  const text = value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue;
  return text === undefined ? undefined : String(text);
}

/**
 * The metric name of a point: the OTLP name, then the values of the point's attributes sorted by
 * key, each after a ":" (`http.requests:GET:200`). A point with more than maxFoldedAttributes
 * attributes, or whose name does not fit a metric name, is refused with the reason.
 */
export function foldedName(name: string, attributes: OtlpAttributes): { name: string } | { reason: string } {
  const folded = [...(attributes ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (folded.length > OTLP_LIMITS.maxFoldedAttributes) return { reason: `${name}: more than ${OTLP_LIMITS.maxFoldedAttributes} attributes` };
  const full = [metricNamePart(name), ...folded.map((attribute) => metricNamePart(attributeText(attributes, attribute.key) ?? ''))].join(':');
  return safeId.safeParse(full).success ? { name: full } : { reason: `${full.slice(0, 80)}: not a valid metric name (at most 64 of A-Z a-z 0-9 . _ : -)` };
}

/** A metric's points as name suffix, value, and whether the value is a running total. */
function pointsOf(metric: OtlpMetric): Array<{ point: OtlpNumberPoint | OtlpHistogramPoint; suffix: string; value: number | undefined; total: boolean }> {
  if (metric.gauge) return (metric.gauge.dataPoints ?? []).map((point) => ({ point, suffix: '', value: point.asDouble ?? point.asInt, total: false }));
  if (metric.sum) {
    const total = metric.sum.isMonotonic === true && metric.sum.aggregationTemporality === AGGREGATION_TEMPORALITY.cumulative;
    return (metric.sum.dataPoints ?? []).map((point) => ({ point, suffix: '', value: point.asDouble ?? point.asInt, total }));
  }
  const histogram = metric.histogram ?? metric.exponentialHistogram;
  if (!histogram) return [];
  const total = histogram.aggregationTemporality === AGGREGATION_TEMPORALITY.cumulative;
  return (histogram.dataPoints ?? []).flatMap((point) => [
    { point, suffix: '.count', value: point.count ?? 0, total },
    { point, suffix: '.sum', value: point.sum, total },
    { point, suffix: '.min', value: point.min, total: false },
    { point, suffix: '.max', value: point.max, total: false },
  ]);
}

/**
 * Maps an export request to samples by the rule in README "Send data": host from the resource,
 * one metric name per distinct attribute set. Every data point is counted; those that cannot be
 * mapped, or that would take the request past a batch's width (INGEST_LIMITS), are refused.
 */
export function mapMetricsRequest(request: OtlpMetricsRequest): MappedRequest {
  const mapped: MappedRequest = { samples: [], cumulative: [], refused: new Map(), points: 0 };
  const names = new Set<string>();
  // Points of one series share their name: fold it once per distinct name and attribute set.
  const folded = new Map<string, ReturnType<typeof foldedName>>();
  const nameOf = (name: string, attributes: OtlpAttributes) => {
    const signature = (attributes ?? []).reduce((text, { key, value }) => `${text}\u0000${key}\u0001${attributeText([{ key, value }], key) ?? ''}`, name);
    const known = folded.get(signature);
    if (known !== undefined) return known;
    const result = foldedName(name, attributes);
    folded.set(signature, result);
    return result;
  };
  let values = 0;
  for (const resource of request.resourceMetrics ?? []) {
    const attributes = resource.resource?.attributes;
    const hostName = HOST_ATTRIBUTES.map((key) => attributeText(attributes, key)).find((text) => text !== undefined);
    const host = hostName === undefined ? undefined : safeId.safeParse(hostName);
    for (const metric of (resource.scopeMetrics ?? []).flatMap((scope) => scope.metrics ?? [])) {
      let lastPoint: OtlpNumberPoint | OtlpHistogramPoint | undefined;
      for (const { point, suffix, value, total } of pointsOf(metric)) {
        if (point !== lastPoint) mapped.points += 1;
        lastPoint = point;
        const index = mapped.points - 1;
        const refuse = (reason: string) => void (mapped.refused.has(index) || mapped.refused.set(index, reason));
        if (!host?.success) {
          refuse(hostName === undefined ? `no ${HOST_ATTRIBUTES.join(', ')} resource attribute` : `host ${hostName.slice(0, 80)}: not a valid host name`);
          continue;
        }
        if (value === undefined) continue;
        const name = nameOf(`${metric.name}${suffix}`, point.attributes);
        if ('reason' in name) {
          refuse(name.reason);
          continue;
        }
        if (!names.has(name.name) && names.size >= INGEST_LIMITS.maxMetricsPerBatch) {
          refuse(`${name.name}: over ${INGEST_LIMITS.maxMetricsPerBatch} series in one request`);
          continue;
        }
        if (values >= INGEST_LIMITS.maxEvents) {
          refuse(`over ${INGEST_LIMITS.maxEvents} values in one request`);
          continue;
        }
        names.add(name.name);
        values += 1;
        const sample = { point: index, host: host.data, metric: name.name, value, ts: point.timeUnixNano || undefined };
        if (total) mapped.cumulative.push({ ...sample, start: point.startTimeUnixNano ?? 0, reading: 'increase' });
        else mapped.samples.push(sample);
      }
    }
  }
  return mapped;
}
