import { describe, expect, it } from 'vitest';
import { INGEST_LIMITS, otlpMetricsRequest } from '@pulseboard/contracts';
import { mapMetricsRequest } from './map-metrics';

const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);
const ts = 1_795_400_000_000;
const hostAttribute = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** One resource with these metrics, through the contract as the endpoint reads it. */
function request(metrics: unknown[], resource: unknown[] = [hostAttribute('host.name', 'web-01')]) {
  return otlpMetricsRequest.parse({ resourceMetrics: [{ resource: { attributes: resource }, scopeMetrics: [{ metrics }] }] });
}
const gauge = (name: string, points: unknown[]) => ({ name, gauge: { dataPoints: points } });
const point = (value: number | string, attributes: unknown[] = []) => ({ timeUnixNano: ns(ts), asDouble: value, attributes });

describe('mapMetricsRequest', () => {
  it('maps a gauge point to a sample of its resource host at its time', () => {
    const mapped = mapMetricsRequest(request([gauge('cpu', [point(42.5)])]));
    expect(mapped.samples).toEqual([{ point: 0, host: 'web-01', metric: 'cpu', value: 42.5, ts }]);
    expect(mapped.refused.size).toBe(0);
  });

  it.each([
    ['service.instance.id', [hostAttribute('service.name', 'api'), hostAttribute('service.instance.id', 'api-7')], 'api-7'],
    ['service.name', [hostAttribute('service.name', 'api')], 'api'],
    ['host.name first', [hostAttribute('service.name', 'api'), hostAttribute('host.name', 'web-01')], 'web-01'],
  ])('takes the host from %s', (_, resource, host) => {
    expect(mapMetricsRequest(request([gauge('cpu', [point(1)])], resource)).samples[0]?.host).toBe(host);
  });

  it('refuses every point of a resource without a host, and one with an invalid host', () => {
    expect(mapMetricsRequest(request([gauge('cpu', [point(1), point(2)])], [])).refused).toEqual(
      new Map([
        [0, 'no host.name, service.instance.id, service.name resource attribute'],
        [1, 'no host.name, service.instance.id, service.name resource attribute'],
      ]),
    );
    expect(mapMetricsRequest(request([gauge('cpu', [point(1)])], [hostAttribute('host.name', '../etc')])).refused.get(0)).toMatch(/not a valid host/);
  });

  it('folds point attributes into the name, sorted by key, other characters as "_"', () => {
    const attributes = [hostAttribute('status', '200'), hostAttribute('method', 'GET /x')];
    expect(mapMetricsRequest(request([gauge('http.requests', [point(3, attributes)])])).samples[0]?.metric).toBe('http.requests:GET__x:200');
  });

  it('refuses a point with too many attributes or a name that is too long', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((key) => hostAttribute(key, key));
    const mapped = mapMetricsRequest(request([gauge('cpu', [point(1, many), point(1, [hostAttribute('k', 'v'.repeat(70))])])]));
    expect(mapped.samples).toEqual([]);
    expect([...mapped.refused.values()]).toEqual(['cpu: more than 4 attributes', expect.stringMatching(/not a valid metric name/)]);
  });

  it(`refuses the series past ${INGEST_LIMITS.maxMetricsPerBatch} in one request with the reason`, () => {
    const points = Array.from({ length: 10_000 }, (_, i) => point(i, [hostAttribute('id', String(i))]));
    const mapped = mapMetricsRequest(request([gauge('cpu', points)]));
    expect(mapped.points).toBe(10_000);
    expect(mapped.samples).toHaveLength(INGEST_LIMITS.maxMetricsPerBatch);
    expect(mapped.refused.size).toBe(10_000 - INGEST_LIMITS.maxMetricsPerBatch);
    expect(mapped.refused.get(9_999)).toMatch(/over 100 series/);
  });

  it('reads NaN and Infinity as numbers for validation to refuse', () => {
    expect(mapMetricsRequest(request([gauge('cpu', [point('NaN'), point('-Infinity')])])).samples.map((s) => s.value)).toEqual([NaN, -Infinity]);
  });

  it('keeps delta and non-monotonic sums as samples, monotonic cumulative sums as running totals', () => {
    const sum = (name: string, aggregationTemporality: number, isMonotonic: boolean) => ({
      name,
      sum: { aggregationTemporality, isMonotonic, dataPoints: [{ ...point(5), startTimeUnixNano: ns(ts - 10_000) }] },
    });
    const mapped = mapMetricsRequest(request([sum('delta', 1, true), sum('updown', 2, false), sum('total', 2, true)]));
    expect(mapped.samples.map((s) => s.metric)).toEqual(['delta', 'updown']);
    expect(mapped.cumulative).toEqual([{ point: 2, host: 'web-01', metric: 'total', value: 5, ts, start: ts - 10_000, reading: 'increase' }]);
  });

  it('maps a histogram point to its count and sum (running totals when cumulative) and min and max', () => {
    const histogram = { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: ns(ts), startTimeUnixNano: ns(ts - 1), count: '4', sum: 10, min: 1, max: 6 }] };
    const mapped = mapMetricsRequest(request([{ name: 'latency', histogram }]));
    expect(mapped.points).toBe(1);
    expect(mapped.cumulative.map((s) => [s.metric, s.value])).toEqual([['latency.count', 4], ['latency.sum', 10]]);
    expect(mapped.samples.map((s) => [s.metric, s.value])).toEqual([['latency.min', 1], ['latency.max', 6]]);
  });
});
