import { beforeAll, describe, expect, it } from 'vitest';
import { INGEST_LIMITS, errorResponse, ingestResponse } from '@pulseboard/contracts';
import { ingestTenant, ingestWrites, postBatch, type IngestTenant } from '../ingest/ingest-fixture';
import { hourlyAggregate } from '../otlp/otlp-fixture';
import { COLLECTD_URL, valueList } from './collectd-fixture';

const post = (key: string | null, body: unknown, options: { gzip?: boolean; headers?: Record<string, string> } = {}) => postBatch(key, body, { url: COLLECTD_URL, ...options });

describe('collectd value lists', () => {
  it('takes gauges as samples, a counter as its rate per second across requests, an absolute over its interval', async () => {
    const { tenantId, key } = await ingestTenant();
    const seconds = Math.floor(Date.now() / 1000) - 20;
    const counter = (value: number, time: number) => valueList('db-01', { values: [value], dstypes: ['counter'], plugin: 'interface', plugin_instance: 'eth0', type: 'if_packets', time });
    const first = await post(key, [valueList('db-01', { values: [0.5, 0.25, 0.125], dstypes: ['gauge', 'gauge', 'gauge'], dsnames: ['shortterm', 'midterm', 'longterm'], type: 'load', time: seconds }), counter(1_000, seconds)]);
    // The counter's first point is only a baseline: one gauge list of three values is taken.
    expect(ingestResponse.parse(first.body)).toMatchObject({ accepted: 3, rejected: [], duplicate: false });
    const second = await post(key, [counter(1_500, seconds + 5), valueList('db-01', { values: [30], dstypes: ['absolute'], plugin: 'cache', type: 'operations', interval: 10, time: seconds + 5 })]);
    expect(ingestResponse.parse(second.body)).toMatchObject({ accepted: 2, rejected: [] });

    expect(await hourlyAggregate(tenantId, 'db-01', 'load.load.shortterm')).toMatchObject({ count: 1, last: 0.5 });
    expect(await hourlyAggregate(tenantId, 'db-01', 'interface-eth0.if_packets')).toMatchObject({ count: 1, last: 100 });
    expect(await hourlyAggregate(tenantId, 'db-01', 'cache.operations')).toMatchObject({ count: 1, last: 3 });
  });

  it('answers a resent body as a duplicate and writes nothing again', async () => {
    const { tenantId, key } = await ingestTenant();
    const body = [valueList('web-07', { values: [7] })];
    const first = ingestResponse.parse((await post(key, body)).body);
    const again = ingestResponse.parse((await post(key, body)).body);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await hourlyAggregate(tenantId, 'web-07', 'load.gauge')).toMatchObject({ count: 1 });
  });

  it('takes a gzip body', async () => {
    const { tenantId, key } = await ingestTenant();
    expect((await post(key, [valueList('web-08')], { gzip: true })).body).toMatchObject({ accepted: 1 });
    expect(await hourlyAggregate(tenantId, 'web-08', 'load.gauge')).toMatchObject({ count: 1, last: 42 });
  });
});

describe('bad collectd bodies', () => {
  let tenant: IngestTenant;
  beforeAll(async () => {
    tenant = await ingestTenant();
  });

  it.each([
    ['a body that is not an array of value lists', 400, { values: [1] }],
    [`more than ${INGEST_LIMITS.maxEvents} values`, 413, Array.from({ length: 1_001 }, (_, i) => valueList('web-01', { values: [1, 2, 3, 4, 5], dstypes: Array(5).fill('gauge'), dsnames: ['a', 'b', 'c', 'd', 'e'], type_instance: `t${i}` }))],
  ] as const)('%s gets %i with a JSON reason and writes nothing', async (_, status, body) => {
    const answer = await post(tenant.key, body);
    expect(answer.status).toBe(status);
    expect(errorResponse.parse(answer.body).error.message).not.toBe('');
    expect(await ingestWrites(tenant.tenantId)).toEqual([]);
  });

  it("refuses malformed JSON with 400 (the Functions runtime's body parser answers it) and writes nothing", async () => {
    expect((await post(tenant.key, '[{"values": [1,')).status).toBe(400);
    expect(await ingestWrites(tenant.tenantId)).toEqual([]);
  });

  it('refuses a body without a key with 401, and one in another type with 415', async () => {
    expect((await post(null, [valueList('web-01')])).status).toBe(401);
    expect((await post(tenant.key, [valueList('web-01')], { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect(await ingestWrites(tenant.tenantId)).toEqual([]);
  });

  it('refuses value lists without a host or with wrong types, by index, writing nothing for them', async () => {
    const answer = await post(tenant.key, [valueList('web-01', { host: undefined }), valueList('web-01', { values: ['7'] }), valueList('web-01', { dstypes: ['histogram'] })]);
    expect(answer.status).toBe(200);
    expect(ingestResponse.parse(answer.body)).toMatchObject({
      accepted: 0,
      rejected: [
        { index: 0, reason: expect.stringMatching(/host/) },
        { index: 1, reason: expect.stringMatching(/values\.0/) },
        { index: 2, reason: expect.stringMatching(/dstypes\.0/) },
      ],
    });
    expect(await ingestWrites(tenant.tenantId)).toEqual([]);
  });

  it('refuses NaN (null in collectd JSON) and out-of-range values, and keeps the rest', async () => {
    const { tenantId, key } = await ingestTenant();
    const answer = await post(key, [valueList('web-02', { values: [null] }), valueList('web-02', { values: [1e300], type_instance: 'huge' }), valueList('web-02', { values: [3], type_instance: 'ok' })]);
    expect(ingestResponse.parse(answer.body)).toMatchObject({
      accepted: 1,
      rejected: [
        { index: 0, reason: expect.stringMatching(/NaN/) },
        { index: 1, reason: expect.stringMatching(/load\.gauge-huge: value/) },
      ],
    });
    expect(await hourlyAggregate(tenantId, 'web-02', 'load.gauge-ok')).toMatchObject({ count: 1, last: 3 });
  });
});
