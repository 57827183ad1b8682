import { beforeAll, describe, expect, it } from 'vitest';
import { INGEST_LIMITS, errorResponse } from '@pulseboard/contracts';
import { ingestTenant, ingestWrites, metric, postBatch, type IngestTenant, type PostOptions } from './ingest-fixture';

interface BadRequest {
  name: string;
  status: 400 | 401 | 405 | 413 | 415;
  /** The body to send; an object goes as JSON. */
  payload: unknown;
  options?: PostOptions;
  /** The Authorization header to send instead of the tenant's valid key; null sends none. */
  authorization?: string | null | ((tenant: IngestTenant) => string);
}

const ok = metric('web-01', 'cpu', 42);
const valid = { events: [ok] };
const json = (contentType: string): PostOptions => ({ headers: { 'content-type': contentType } });
const pad = (bytes: number) => ({ events: [{ ...ok, host: 'web-01' }], padding: 'x'.repeat(bytes) });
const unknownKey = ({ tenantId }: IngestTenant) => `pbk_${tenantId}_${'0'.repeat(40)}`;
/** The tenant's live key with its last character changed: well-formed, right tenant, no lookup. */
const alteredKey = ({ key }: IngestTenant) => `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`;

const BAD_REQUESTS: BadRequest[] = [
  // 405: only POST
  ...['GET', 'PUT', 'DELETE', 'PATCH'].map((method): BadRequest => ({ name: `method ${method}`, status: 405, payload: valid, options: { method } })),
  // 415: only application/json
  ...[
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/xml',
    'application/octet-stream',
    'text/json',
    'application/jsonl',
    'application/x-ndjson',
    'multipart/form-data; boundary=x',
    'application/json-patch+json',
    'image/png',
    'text/html',
    'application/javascript',
    'application/cbor',
  ].map((contentType): BadRequest => ({ name: `content type ${contentType}`, status: 415, payload: valid, options: json(contentType) })),
  // 401: a live key of this tenant, as a Bearer token, or nothing
  { name: 'no Authorization header', status: 401, payload: valid, authorization: null },
  { name: 'Basic credentials', status: 401, payload: valid, authorization: 'Basic dXNlcjpwYXNz' },
  { name: 'Bearer without a token', status: 401, payload: valid, authorization: 'Bearer ' },
  { name: 'the live key without the Bearer scheme', status: 401, payload: valid, authorization: ({ key }) => key },
  { name: 'a key of the wrong format', status: 401, payload: valid, authorization: 'Bearer pbk_123' },
  { name: 'a key that names no tenant', status: 401, payload: valid, authorization: `Bearer pbk_${'0'.repeat(40)}` },
  { name: 'a key in upper-case hex', status: 401, payload: valid, authorization: (t) => `Bearer pbk_${t.tenantId}_${'A'.repeat(40)}` },
  { name: 'a key with another prefix', status: 401, payload: valid, authorization: (t) => `Bearer pbx_${t.tenantId}_${'0'.repeat(40)}` },
  { name: 'a well-formed key nobody minted', status: 401, payload: valid, authorization: (t) => `Bearer ${unknownKey(t)}` },
  {
    name: 'a key nobody minted, with only invalid events',
    status: 401,
    payload: { events: [{ ...ok, value: 'high' }] },
    authorization: (t) => `Bearer ${unknownKey(t)}`,
  },
  {
    name: `a key nobody minted, with ${INGEST_LIMITS.maxEvents} distinct metric names`,
    status: 401,
    payload: { events: Array.from({ length: INGEST_LIMITS.maxEvents }, (_, i) => ({ ...ok, metric: `m-${i}` })) },
    authorization: (t) => `Bearer ${unknownKey(t)}`,
  },
  { name: 'a key nobody minted, with a malformed envelope', status: 401, payload: { events: 'cpu=42' }, authorization: (t) => `Bearer ${unknownKey(t)}` },
  { name: 'the live key with one character changed', status: 401, payload: valid, authorization: (t) => `Bearer ${alteredKey(t)}` },
  { name: 'a key followed by another word', status: 401, payload: valid, authorization: (t) => `Bearer ${unknownKey(t)} extra` },
  { name: 'an empty Authorization header', status: 401, payload: valid, authorization: '' },
  // 400: the envelope
  { name: 'a top-level array', status: 400, payload: [ok] },
  { name: 'an empty object', status: 400, payload: {} },
  { name: 'no events', status: 400, payload: { events: [] } },
  { name: 'events as a string', status: 400, payload: { events: 'cpu=42' } },
  { name: 'events as an object', status: 400, payload: { events: { 0: ok } } },
  { name: 'events null', status: 400, payload: { events: null } },
  { name: 'events as a number', status: 400, payload: { events: 7 } },
  { name: 'events as a boolean', status: 400, payload: { events: true } },
  { name: 'an unknown envelope field', status: 400, payload: { ...valid, extra: 1 } },
  { name: 'Events capitalised', status: 400, payload: { Events: [ok] } },
  { name: 'a nested envelope', status: 400, payload: { batch: valid } },
  { name: 'an empty batchId', status: 400, payload: { ...valid, batchId: '' } },
  { name: 'a batchId with a slash', status: 400, payload: { ...valid, batchId: 'a/b' } },
  { name: 'a batchId of two dots', status: 400, payload: { ...valid, batchId: '..' } },
  { name: 'a reserved batchId', status: 400, payload: { ...valid, batchId: '__batch__' } },
  { name: 'a batchId over 64 characters', status: 400, payload: { ...valid, batchId: 'b'.repeat(65) } },
  { name: 'a batchId with a space', status: 400, payload: { ...valid, batchId: 'a b' } },
  { name: 'a numeric batchId', status: 400, payload: { ...valid, batchId: 5 } },
  { name: 'a null batchId', status: 400, payload: { ...valid, batchId: null } },
  { name: 'a boolean batchId', status: 400, payload: { ...valid, batchId: true } },
  { name: 'an object batchId', status: 400, payload: { ...valid, batchId: {} } },
  { name: 'an array batchId', status: 400, payload: { ...valid, batchId: ['a'] } },
  { name: 'a JSON body sent gzip with an unknown field', status: 400, payload: { ...valid, extra: true }, options: { gzip: true } },
  // 413: limits on size and event count
  {
    name: `${INGEST_LIMITS.maxEvents + 1} events`,
    status: 413,
    payload: { events: Array.from({ length: INGEST_LIMITS.maxEvents + 1 }, () => ok) },
  },
  {
    name: `${INGEST_LIMITS.maxHostsPerBatch + 1} distinct hosts`,
    status: 413,
    payload: { events: Array.from({ length: INGEST_LIMITS.maxHostsPerBatch + 1 }, (_, i) => ({ ...ok, host: `h-${i}` })) },
  },
  {
    name: `${INGEST_LIMITS.maxMetricsPerBatch + 1} distinct metrics`,
    status: 413,
    payload: { events: Array.from({ length: INGEST_LIMITS.maxMetricsPerBatch + 1 }, (_, i) => ({ ...ok, metric: `m-${i}` })) },
  },
  { name: 'a body over 1 MiB', status: 413, payload: pad(INGEST_LIMITS.maxDecodedBytes) },
  { name: 'a gzip body over 1 MiB once decoded', status: 413, payload: pad(INGEST_LIMITS.maxDecodedBytes), options: { gzip: true } },
  {
    name: `${INGEST_LIMITS.maxEvents + 1} events sent gzip`,
    status: 413,
    payload: { events: Array.from({ length: INGEST_LIMITS.maxEvents + 1 }, () => ok) },
    options: { gzip: true },
  },
];

/**
 * Bodies the Functions runtime's own body parser refuses before the function runs (it parses
 * application/json strictly and inflates gzip itself): the status is right, but the answer is
 * the runtime's, not ours, so only the status and "nothing written" are asserted.
 */
const REFUSED_BY_RUNTIME: BadRequest[] = [
  { name: 'truncated JSON', status: 400, payload: '{"events": [' },
  { name: 'not JSON at all', status: 400, payload: 'cpu=42' },
  { name: 'a bare JSON number', status: 400, payload: '42' },
  { name: 'a bare JSON string', status: 400, payload: '"events"' },
  { name: 'JSON null', status: 400, payload: 'null' },
  { name: 'JSON with a trailing comma', status: 400, payload: '{"events": [1],}' },
  { name: 'a plain body labelled gzip', status: 400, payload: valid, options: { headers: { 'content-encoding': 'gzip' } } },
  { name: 'Content-Encoding br', status: 415, payload: valid, options: { headers: { 'content-encoding': 'br' } } },
];

describe('ingest bad input', () => {
  let tenant: IngestTenant;
  beforeAll(async () => {
    tenant = await ingestTenant();
  });

  it('the table holds at least 50 distinct malformed requests', () => {
    expect(new Set(BAD_REQUESTS.map((r) => r.name)).size).toBe(BAD_REQUESTS.length);
    expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(50);
  });

  it('a valid request to the same tenant does write (so "nothing written" below can fail)', async () => {
    const probe = await ingestTenant();
    expect((await postBatch(probe.key, valid)).status).toBe(200);
    expect(await ingestWrites(probe.tenantId)).not.toEqual([]);
  });

  it.each(BAD_REQUESTS)('$name -> $status with a JSON error, nothing written', async ({ status, payload, options, authorization }) => {
    const header = typeof authorization === 'function' ? authorization(tenant) : authorization;
    const headers: Record<string, string> = typeof header === 'string' ? { authorization: header } : {};
    const answer = await postBatch(authorization === undefined ? tenant.key : null, payload, { ...options, headers: { ...headers, ...options?.headers } });
    expect(answer.status).toBe(status);
    expect(answer.contentType).toContain('application/json');
    expect(errorResponse.parse(answer.body).error.message).not.toBe('');
    expect(await ingestWrites(tenant.tenantId)).toEqual([]);
  });

  it('refuses a key nobody minted before looking at its batch: a 401 that says nothing about it', async () => {
    const answer = await postBatch(unknownKey(tenant), { events: 'cpu=42', extra: 1 });
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated', message: 'This ingest key is unknown or revoked.' } } });
  });

  it.each(REFUSED_BY_RUNTIME)('$name -> $status from the runtime, nothing written', async ({ status, payload, options }) => {
    const answer = await postBatch(tenant.key, payload, options);
    expect(answer.status).toBe(status);
    expect(await ingestWrites(tenant.tenantId)).toEqual([]);
  });
});
