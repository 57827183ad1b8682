import { describe, expect, it } from 'vitest';
import { ingestTenant } from '../ingest/ingest-fixture';
import { EXPORTERS, hourlyAggregate, instrumentedProcess } from './otlp-fixture';

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
