import { describe, expect, it } from 'vitest';
import { errorResponse, ingestResponse } from '@pulseboard/contracts';
import { ingestTenant, ingestWrites, metric, postBatch } from '../ingest/ingest-fixture';
import { COLLECTD_URL, valueList } from '../collectd/collectd-fixture';
import { OTLP_METRICS_URL } from '../otlp/otlp-fixture';

/** A tenant whose keys may send 10 events a minute. */
const QUOTA = 10;
const limitedTenant = () => ingestTenant({ ingestEventsPerMinutePerKey: QUOTA });

/** Waits out the end of the minute when fewer than 15 s are left, so a test's requests count in one minute. */
async function earlyInAMinute(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

const events = (count: number, host = 'web-01') => Array.from({ length: count }, (_, i) => metric(host, `m${i}`, i));

function expectQuotaRefusal(answer: { status: number; retryAfter: string | null; body: unknown }): void {
  expect(answer.status).toBe(429);
  expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
  expect(errorResponse.parse(answer.body).error).toMatchObject({ code: 'resource-exhausted', message: expect.stringMatching(/of its 10 events this minute/) });
}

describe('the per-key ingest quota (events a minute, set on the tenant)', () => {
  it('admits batches up to the quota, then answers 429 with Retry-After and writes nothing', async () => {
    await earlyInAMinute();
    const { tenantId, key } = await limitedTenant();
    expect(ingestResponse.parse((await postBatch(key, { events: events(8) })).body).accepted).toBe(8);
    const written = await ingestWrites(tenantId);
    expectQuotaRefusal(await postBatch(key, { events: events(5, 'web-02') }));
    expect(await ingestWrites(tenantId)).toEqual(written);
    // What still fits the minute passes.
    expect((await postBatch(key, { events: events(2, 'web-03') })).status).toBe(200);
  });

  it('refuses an OTLP export past the quota with 429 and Retry-After, as OTLP exporters expect', async () => {
    const { tenantId, key } = await limitedTenant();
    const points = Array.from({ length: QUOTA + 1 }, (_, i) => ({ asDouble: i, attributes: [{ key: 'n', value: { stringValue: String(i) } }] }));
    const body = { resourceMetrics: [{ resource: { attributes: [{ key: 'host.name', value: { stringValue: 'web-01' } }] }, scopeMetrics: [{ metrics: [{ name: 'cpu', gauge: { dataPoints: points } }] }] }] };
    expectQuotaRefusal(await postBatch(key, body, { url: OTLP_METRICS_URL }));
    expect(await ingestWrites(tenantId)).toEqual([]);
  });

  it('refuses a collectd post past the quota with 429 and Retry-After', async () => {
    const { tenantId, key } = await limitedTenant();
    const lists = Array.from({ length: QUOTA + 1 }, (_, i) => valueList('web-01', { type_instance: `t${i}` }));
    expectQuotaRefusal(await postBatch(key, lists, { url: COLLECTD_URL }));
    expect(await ingestWrites(tenantId)).toEqual([]);
  });

  it('leaves a tenant without a quota setting the generous default', async () => {
    const { key } = await ingestTenant();
    expect((await postBatch(key, { events: events(100) })).status).toBe(200);
  });
});
