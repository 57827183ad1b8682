import { describe, expect, it } from 'vitest';
import {
  INGEST_LIMITS,
  METRICS_KEPT_PER_HOST,
  PROTOTYPE_MEMBER_NAMES,
  fleetShardDoc,
  hostDoc,
  ingestResponse,
  paths,
  safeId,
  windowStart,
  type Resolution,
} from '@pulseboard/contracts';
import { fleetShardOf } from '../../../functions/src/ingest/fleet-shard';
import { adminDb } from '../../../testkit/admin';
import { storedWindowAt } from '../../../testkit/host-windows';
import { ingestTenant, metric, postBatch } from './ingest-fixture';

const VALID_NAMES = PROTOTYPE_MEMBER_NAMES.filter((name) => safeId.safeParse(name).success);

// The middle of a 10 s window, so that a test's events never straddle a window boundary.
function midWindowTs(): number {
  return windowStart(Date.now(), '10s') - 5_000;
}

async function read<T>(path: string, contract: { parse(data: unknown): T }): Promise<T> {
  return contract.parse((await adminDb.doc(path).get()).data());
}

async function windowAt(tenantId: string, host: string, resolution: Resolution, ts: number) {
  const window = await storedWindowAt(tenantId, host, resolution, ts);
  if (window === undefined) throw new Error(`no ${resolution} window of ${host} at ${ts}`);
  return window;
}

describe('ingest hostile input', () => {
  it('stores every Object.prototype member name that is a valid name, as host and as metric, and rejects the rest by index', async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const events = PROTOTYPE_MEMBER_NAMES.map((name, i) => metric(name, name, i, ts));
    const answer = await postBatch(key, { events });
    expect(answer.status).toBe(200);
    const body = ingestResponse.parse(answer.body);
    expect(body.accepted).toBe(VALID_NAMES.length);
    expect(body.rejected.map((r) => PROTOTYPE_MEMBER_NAMES[r.index])).toEqual(PROTOTYPE_MEMBER_NAMES.filter((name) => !VALID_NAMES.includes(name)));
    for (const name of VALID_NAMES) {
      const window = await windowAt(tenantId, name, '1m', ts);
      expect(Object.keys(window.metrics)).toEqual([name]);
      expect(Object.hasOwn(window.metrics, name) && window.metrics[name]?.count).toBe(1);
      const host = await read(paths.host(tenantId, name), hostDoc);
      expect(Object.hasOwn(host.metrics, name) && host.metrics[name]?.ts).toBe(ts);
    }
  });

  it('rejects samples whose sum could overflow, by index, and stores the rest', async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const answer = await postBatch(key, { events: [metric('web-01', 'cpu', 1.7e308, ts), metric('web-01', 'cpu', 1.7e308, ts), metric('web-01', 'cpu', 1e15, ts)] });
    expect(answer.status).toBe(200);
    const body = ingestResponse.parse(answer.body);
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([0, 1].map((index) => ({ index, reason: 'value: must be at most 1e+15 in magnitude' })));
    expect((await windowAt(tenantId, 'web-01', '1h', ts)).metrics['cpu']?.sum).toBe(1e15);
  });

  it("repairs a host's stored windows, fleet shard and digest that fail their contract, and answers the other hosts of the shard", async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const hour = windowStart(ts, '1h');
    const shard = fleetShardOf('web-01');
    const poisoned = { count: 2, sum: Infinity, min: 1.7e308, max: 1.7e308, last: 1.7e308, lastTs: ts };
    const overrides = { cpu: { warning: 10, critical: 20 } };
    const windows = { '10s': [], '1m': [], '1h': [{ start: hour, metrics: { cpu: poisoned }, errorCount: 0 }] };
    await adminDb.doc(paths.host(tenantId, 'web-01')).set({ host: 'web-01', lastSeen: ts, metrics: { cpu: { value: 'high', ts } }, thresholds: overrides, windows });
    const healthy = { lastSeen: ts, metrics: {}, errorsPerMinute: 0, thresholds: {}, silencedUntil: null };
    // The shard's windows fail their contract as a whole; its digests are judged one by one.
    await adminDb.doc(paths.fleetShard(tenantId, shard)).set({ shard, windows, hosts: { 'db-01': healthy, 'web-99': { ...healthy, errorsPerMinute: -1 } } });

    const answer = await postBatch(key, { events: [metric('web-01', 'cpu', 5, ts)] });
    expect(answer.status).toBe(200);

    expect((await windowAt(tenantId, 'web-01', '1h', hour)).metrics['cpu']).toMatchObject({ count: 1, sum: 5 });
    const fleetShard = await read(paths.fleetShard(tenantId, shard), fleetShardDoc);
    expect(fleetShard.windows['1h'].find((window) => window.start === hour)?.metrics['cpu']).toMatchObject({ count: 1, sum: 5 });
    expect(Object.keys(fleetShard.hosts).sort()).toEqual(['db-01', 'web-01']);
    const host = await read(paths.host(tenantId, 'web-01'), hostDoc);
    expect(host).toMatchObject({ metrics: { cpu: { value: 5, ts } }, thresholds: overrides });
  });

  it('answers 503 with Retry-After, having written nothing, when its documents stay locked past its time budget', { timeout: 120_000 }, async () => {
    const { tenantId, key } = await ingestTenant();
    const hostRef = adminDb.doc(paths.host(tenantId, 'web-01'));
    await hostRef.set({ silencedUntil: null });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    // Another writer that read the host and holds its lock, as a worker that died mid-transaction did.
    const holder = adminDb.runTransaction(async (tx) => {
      await tx.get(hostRef);
      await released;
      tx.update(hostRef, { silencedUntil: null });
    }, { maxAttempts: 1 });
    const batch = { batchId: 'while-locked', events: [metric('web-01', 'cpu', 5, midWindowTs())] };
    const locked = await postBatch(key, batch);
    release();
    await holder.catch(() => undefined);

    expect(locked).toMatchObject({ status: 503, retryAfter: '1', body: { error: { code: 'unavailable' } } });
    expect((await hostRef.get()).data()).toEqual({ silencedUntil: null });
    expect((await adminDb.collection(paths.windowChunks(tenantId)).get()).size).toBe(0);
    expect((await postBatch(key, batch)).status).toBe(200);
  });

  it(`keeps the ${METRICS_KEPT_PER_HOST} newest metrics of a host, dropping the oldest from its document and windows`, async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const names = (from: number) => Array.from({ length: INGEST_LIMITS.maxMetricsPerBatch }, (_, i) => `m-${from + i}`);
    const older = names(0);
    const newer = names(INGEST_LIMITS.maxMetricsPerBatch).slice(0, METRICS_KEPT_PER_HOST / 2);
    await postBatch(key, { events: older.map((name, i) => metric('web-01', name, 1, ts - 1_000 + i)) });
    const answer = await postBatch(key, { events: newer.map((name) => metric('web-01', name, 1, ts)) });
    expect(answer.status).toBe(200);

    // The newest: the second batch's names, and the first batch's latest half.
    const kept = [...older.slice(older.length - (METRICS_KEPT_PER_HOST - newer.length)), ...newer].sort();
    const host = await read(paths.host(tenantId, 'web-01'), hostDoc);
    expect(Object.keys(host.metrics).sort()).toEqual(kept);
    const window = await windowAt(tenantId, 'web-01', '1h', ts);
    expect(Object.keys(window.metrics).sort()).toEqual(kept);
  });

  it('answers a retried batch whose events have aged past the lateness window with its original answer', { timeout: 60_000 }, async () => {
    const { key } = await ingestTenant();
    const agingTs = Date.now() - INGEST_LIMITS.maxLatenessMs + 3_000;
    const batch = { batchId: 'after-outage-1', events: [metric('web-01', 'cpu', 10, agingTs), { type: 'metric', host: 'web-01', metric: 'cpu', value: 'high' }] };
    const first = ingestResponse.parse((await postBatch(key, batch)).body);
    expect(first).toMatchObject({ accepted: 1, rejected: [{ index: 1 }], duplicate: false });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, agingTs + INGEST_LIMITS.maxLatenessMs + 1_000 - Date.now())));

    expect(ingestResponse.parse((await postBatch(key, batch)).body)).toEqual({ ...first, duplicate: true });
  });
});
