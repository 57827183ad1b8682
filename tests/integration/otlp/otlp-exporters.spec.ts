import { describe, expect, it } from 'vitest';
import { ingestTenant } from '../ingest/ingest-fixture';
import { AggregationType } from '@opentelemetry/sdk-metrics';
import { EXPORTERS, OTLP_METRICS_URL, gzipExporter, hourlyAggregate, instrumentedProcess } from './otlp-fixture';

describe.each(Object.keys(EXPORTERS) as Array<keyof typeof EXPORTERS>)('the OpenTelemetry JS SDK exporting OTLP/HTTP %s', (format) => {
  it('lands a gauge, a cumulative counter across a restart, and a histogram in the host windows', async () => {
    const { tenantId, key } = await ingestTenant();
    const host = `otel-${format}`;
    const exporter = EXPORTERS[format](key);

    const first = instrumentedProcess(host, exporter);
    const temperature = first.meter.createGauge('temperature');
    const requests = first.meter.createCounter('requests');
    const latency = first.meter.createHistogram('latency');
    temperature.record(42.5);
    requests.add(5);
    for (const value of [1, 6, 3]) latency.record(value);
    await first.export();
    requests.add(3);
    await first.export();
    // The process restarts: its counter starts again from zero with a new start time.
    const restarted = instrumentedProcess(host, exporter);
    restarted.meter.createCounter('requests').add(2);
    await restarted.export();

    expect(await hourlyAggregate(tenantId, host, 'temperature')).toMatchObject({ count: 2, sum: 85, last: 42.5 });
    // 5, then the increase 3, then 2 after the restart: never the running total, never a negative.
    expect(await hourlyAggregate(tenantId, host, 'requests')).toMatchObject({ count: 3, sum: 10, min: 2, max: 5 });
    // The histogram's count and sum as increases (3 and 10, then nothing new), its min and max as samples.
    expect(await hourlyAggregate(tenantId, host, 'latency.count')).toMatchObject({ sum: 3, max: 3 });
    expect(await hourlyAggregate(tenantId, host, 'latency.sum')).toMatchObject({ sum: 10, max: 10 });
    expect(await hourlyAggregate(tenantId, host, 'latency.min')).toMatchObject({ last: 1 });
    expect(await hourlyAggregate(tenantId, host, 'latency.max')).toMatchObject({ last: 6 });
  });
});

describe.each(Object.keys(EXPORTERS) as Array<keyof typeof EXPORTERS>)('the OpenTelemetry JS SDK exporting OTLP/HTTP %s with gzip', (format) => {
  it('lands an exponential histogram as its count, sum, min and max', async () => {
    const { tenantId, key } = await ingestTenant();
    const host = `otel-gzip-${format}`;
    const exponential = { instrumentName: 'latency', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } };
    const app = instrumentedProcess(host, gzipExporter(format, key), [exponential]);
    const latency = app.meter.createHistogram('latency');
    for (const value of [1, 6, 3]) latency.record(value);
    await app.export();
    latency.record(10);
    await app.export();

    // Cumulative: the count and sum as increases (3 and 10, then 1 and 10), min and max as samples.
    expect(await hourlyAggregate(tenantId, host, 'latency.count')).toMatchObject({ count: 2, sum: 4 });
    expect(await hourlyAggregate(tenantId, host, 'latency.sum')).toMatchObject({ count: 2, sum: 20 });
    expect(await hourlyAggregate(tenantId, host, 'latency.min')).toMatchObject({ min: 1, last: 1 });
    expect(await hourlyAggregate(tenantId, host, 'latency.max')).toMatchObject({ max: 10, last: 10 });
  });
});

describe('OTLP exactly-once', () => {
  it('applies a request sent twice (an exporter retrying after a lost answer) once', async () => {
    const { tenantId, key } = await ingestTenant();
    const body = JSON.stringify({
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'host.name', value: { stringValue: 'web-retry' } }] },
          scopeMetrics: [{ metrics: [{ name: 'temperature', gauge: { dataPoints: [{ asDouble: 21, timeUnixNano: String(BigInt(Date.now()) * 1_000_000n) }] } }] }],
        },
      ],
    });
    const send = () => fetch(OTLP_METRICS_URL, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect(await hourlyAggregate(tenantId, 'web-retry', 'temperature')).toMatchObject({ count: 1, sum: 21 });
  });
});
