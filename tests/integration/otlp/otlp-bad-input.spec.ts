import { beforeAll, describe, expect, it } from 'vitest';
import { INGEST_LIMITS, errorResponse } from '@pulseboard/contracts';
import { ingestTenant, ingestWrites, type IngestTenant } from '../ingest/ingest-fixture';
import { OTLP_METRICS_URL } from './otlp-fixture';

const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);

function exportRequest(points: unknown[], resource: unknown[] = [{ key: 'host.name', value: { stringValue: 'web-01' } }]) {
  return { resourceMetrics: [{ resource: { attributes: resource }, scopeMetrics: [{ metrics: [{ name: 'cpu', gauge: { dataPoints: points } }] }] }] };
}
const point = (value: number | string, attributes: unknown[] = []) => ({ timeUnixNano: ns(Date.now()), asDouble: value, attributes });

async function post(url: string, key: string | null, body: string | Uint8Array<ArrayBuffer>, contentType = 'application/json') {
  const headers = { 'content-type': contentType, ...(key === null ? {} : { authorization: `Bearer ${key}` }) };
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : text };
}

describe('bad OTLP bodies', () => {
  let tenant: IngestTenant;
  beforeAll(async () => {
    tenant = await ingestTenant();
  });

  it.each([
    ['malformed protobuf', 400, OTLP_METRICS_URL, Uint8Array.from([0x0a, 0xff, 0xff]), 'application/x-protobuf'],
    ['a JSON body that is not an export request', 400, OTLP_METRICS_URL, '{"resourceMetrics": 7}', 'application/json'],
    ['a wrong content type', 415, OTLP_METRICS_URL, JSON.stringify(exportRequest([point(1)])), 'text/plain'],
    ['a body over the size limit', 413, OTLP_METRICS_URL, new Uint8Array(INGEST_LIMITS.maxDecodedBytes + 1), 'application/x-protobuf'],
    ['a path other than /v1/metrics', 404, OTLP_METRICS_URL.replace('/v1/metrics', '/v1/traces'), JSON.stringify(exportRequest([point(1)])), 'application/json'],
  ] as const)('%s gets %i with a JSON reason and writes nothing', async (_, status, url, body, contentType) => {
    const answer = await post(url, tenant.key, body, contentType);
    expect(answer.status).toBe(status);
    expect(errorResponse.parse(answer.body).error.message).not.toBe('');
    expect(await ingestWrites(tenant.tenantId)).toEqual([]);
  });

  it('refuses a request without a key with 401 before decoding it', async () => {
    const answer = await post(OTLP_METRICS_URL, null, Uint8Array.from([0x0a, 0xff, 0xff]), 'application/x-protobuf');
    expect(answer.status).toBe(401);
  });

  it('refuses every point of a resource without a host, as a partial success that writes nothing', async () => {
    const answer = await post(OTLP_METRICS_URL, tenant.key, JSON.stringify(exportRequest([point(1), point(2)], [])));
    expect(answer).toEqual({ status: 200, body: { partialSuccess: { rejectedDataPoints: 2, errorMessage: expect.stringMatching(/no host.name/) } } });
    expect(await ingestWrites(tenant.tenantId)).toEqual([]);
  });

  it('refuses NaN and Infinity points and keeps the finite one', async () => {
    const { tenantId, key } = await ingestTenant();
    const answer = await post(OTLP_METRICS_URL, key, JSON.stringify(exportRequest([point('NaN'), point(7), point('Infinity')])));
    expect(answer).toEqual({ status: 200, body: { partialSuccess: { rejectedDataPoints: 2, errorMessage: expect.stringMatching(/NaN.*Infinity/) } } });
    expect((await ingestWrites(tenantId)).length).toBeGreaterThan(0);
  });

  it(`refuses the series past ${INGEST_LIMITS.maxMetricsPerBatch} of 10,000 in one request`, async () => {
    const { key } = await ingestTenant();
    // Without times (the server's is used) so that 10,000 points fit the body limit.
    const points = Array.from({ length: 10_000 }, (_, i) => ({ asDouble: i, attributes: [{ key: 'id', value: { stringValue: String(i) } }] }));
    const answer = await post(OTLP_METRICS_URL, key, JSON.stringify(exportRequest(points)));
    expect(answer).toEqual({
      status: 200,
      body: { partialSuccess: { rejectedDataPoints: 10_000 - INGEST_LIMITS.maxMetricsPerBatch, errorMessage: expect.stringMatching(/over 100 series/) } },
    });
  });
});
