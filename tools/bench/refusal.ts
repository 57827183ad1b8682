/**
 * `npm run bench:refusal` against running emulators (`npm start`, or inside `emulators:exec`): how
 * long ingest takes to refuse the batch an attacker would send, a body just under the 1 MiB limit
 * of 5,000 events with 5,000 distinct metric names, under a well-formed key nobody minted that
 * names a real tenant. The answer must be a 401; the time is the client's, request to answer.
 * Then the same body under the tenant's live key, refused by the width limit (413) after the key.
 * The last line printed is one JSON object.
 */
import { INGEST_LIMITS, SAFE_ID_MAX } from '@pulseboard/contracts';
import { functionUrl } from '../../testkit/emulators';
import { createTenant, uniqueTenantId } from '../../testkit/tenant-fixture';
import { parseFlags } from '../cli/flags';
import { writeIngestKey } from '../../testkit/ingest-key';
import { percentile } from './stats';

const { requests, warmup } = parseFlags({
  command: 'bench:refusal',
  summary:
    `Against running emulators (npm start, or inside firebase emulators:exec). Sends --requests times, one after another ` +
    `after --warmup unmeasured ones, a ${INGEST_LIMITS.maxEvents}-event body just under ${INGEST_LIMITS.maxDecodedBytes} bytes ` +
    `with ${INGEST_LIMITS.maxEvents} distinct metric names: first under a forged key of a real tenant (expects 401), then under ` +
    'its live key (expects 413). Prints the median, p90 and max round trip of each, and a JSON line last.',
  flags: {
    requests: { type: 'number', default: 25, min: 1, max: 1_000, integer: true, help: 'measured requests per key' },
    warmup: { type: 'number', default: 3, min: 0, max: 100, integer: true, help: 'unmeasured requests first' },
  },
});
const URL = functionUrl('ingest');

/** 5,000 events, each with its own 64-character metric name, the body as close under 1 MiB as whole events allow. */
function hostileBody(): string {
  const ts = Date.now();
  const host = 'h'.repeat(SAFE_ID_MAX);
  const events = Array.from({ length: INGEST_LIMITS.maxEvents }, (_, i) => ({
    type: 'metric',
    host,
    metric: `m-${i}-`.padEnd(SAFE_ID_MAX, 'x'),
    value: 123_456.789,
    ts,
  }));
  const body = JSON.stringify({ events });
  if (Buffer.byteLength(body) > INGEST_LIMITS.maxDecodedBytes) throw new Error(`the body is ${Buffer.byteLength(body)} bytes, over the limit`);
  return body;
}

async function timedPost(key: string, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(URL, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

async function measure(label: string, key: string, body: string, expected: number) {
  for (let i = 0; i < warmup; i++) await timedPost(key, body);
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const { status, ms } = await timedPost(key, body);
    if (status !== expected) throw new Error(`${label}: answered ${status}, expected ${expected}`);
    times.push(ms);
  }
  const summary = { status: expected, requests, medianMs: percentile(times, 50), p90Ms: percentile(times, 90), maxMs: Math.max(...times) };
  process.stdout.write(`${label}: ${expected} in median ${summary.medianMs.toFixed(1)} ms, p90 ${summary.p90Ms.toFixed(1)} ms, max ${summary.maxMs.toFixed(1)} ms (${requests} requests)\n`);
  return summary;
}

const tenantId = uniqueTenantId('refusal');
await createTenant(tenantId);
const liveKey = await writeIngestKey(tenantId, 'bench:refusal');
const forgedKey = `pbk_${tenantId}_${'0'.repeat(40)}`;
const body = hostileBody();
process.stdout.write(`bench:refusal: ${INGEST_LIMITS.maxEvents} events, ${Buffer.byteLength(body)} bytes, ${INGEST_LIMITS.maxEvents} distinct metrics -> ${URL}\n`);
const forged = await measure('forged key', forgedKey, body, 401);
const tooWide = await measure('live key, too wide', liveKey, body, 413);
process.stdout.write(`${JSON.stringify({ bytes: Buffer.byteLength(body), forged, tooWide })}\n`);
process.exit(0);
