import { describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { CARD_METRICS, encodeRecentWindows, FLEET_SHARDS, fleetChunkDoc, fleetShardDoc, hostDoc, ingestResponse, paths, storedHostDoc, windowChunkDoc, windowStart } from '@pulseboard/contracts';
import { fleetShardOf } from '../../../functions/src/ingest/fleet-shard';
import { adminDb } from '../../../testkit/admin';
import { storedWindowAt } from '../../../testkit/host-windows';
import { ingestTenant, ingestWrites, metric, postBatch, postUntilStored } from './ingest-fixture';

// The middle of a 10 s window, so that a test's events never straddle a window boundary.
function midWindowTs(): number {
  return windowStart(Date.now(), '10s') - 5_000;
}

async function hostWindow(tenantId: string, host: string, ts: number) {
  const window = await storedWindowAt(tenantId, host, '10s', ts);
  if (window === undefined) throw new Error(`no 10 s window of ${host} at ${ts}`);
  return window;
}

describe('ingest', () => {
  it('accepts valid events, reports invalid ones by index and rolls up every resolution', async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const answer = await postBatch(key, {
      events: [
        metric('web-01', 'cpu', 40, ts),
        { type: 'metric', host: 'web-01', metric: 'cpu', value: 'high' },
        metric('web-01', 'cpu', 60, ts + 1),
        { type: 'error', host: 'web-01', code: 'E503', message: 'upstream timeout', ts: ts + 2 },
      ],
    });
    expect(answer.status).toBe(200);
    const body = ingestResponse.parse(answer.body);
    expect(body.accepted).toBe(3);
    expect(body.rejected.map((r) => r.index)).toEqual([1]);
    expect(body.duplicate).toBe(false);

    for (const resolution of ['10s', '1m', '1h'] as const) {
      const window = await storedWindowAt(tenantId, 'web-01', resolution, ts);
      expect(window?.metrics['cpu']).toEqual({ count: 2, sum: 100, min: 40, max: 60, last: 60, lastTs: ts + 1 });
      expect(window?.errorCount).toBe(1);
    }
    // The batch's windows are in the host document; nothing else is written for them yet.
    expect((await adminDb.collection(paths.windowChunks(tenantId)).get()).size).toBe(0);
    const host = hostDoc.parse((await adminDb.doc(paths.host(tenantId, 'web-01')).get()).data());
    expect(host.metrics['cpu']).toEqual({ value: 60, ts: ts + 1 });
    expect(host.recentErrors[0]?.code).toBe('E503');
    expect(host.lastSeen).toBe(ts + 2);
  });

  it('archives closed windows into a chunk with a TTL Timestamp, once, and drops them from the host document', async () => {
    const { tenantId, key } = await ingestTenant();
    // A 10-minute chunk of 1 m windows that closed an hour ago, and an old 10 s window: left by a batch then.
    const chunkStart = windowStart(Date.now() - 3_600_000, '1h');
    const old = (start: number, count: number) => ({ start, errorCount: 0, metrics: { cpu: { count, sum: count, min: 1, max: 1, last: 1, lastTs: start } } });
    const windows = { '10s': [old(chunkStart, 1)], '1m': [old(chunkStart, 2), old(chunkStart + 60_000, 3)], '1h': [] };
    await adminDb.doc(paths.host(tenantId, 'web-01')).set({ host: 'web-01', lastSeen: chunkStart + 120_000, metrics: {}, recentErrors: [], windows: encodeRecentWindows(windows), appliedBatches: [] });
    // Its fleet shard, left by the same batch: it archives the same way, into fleetChunks.
    const shard = fleetShardOf('web-01');
    await adminDb.doc(paths.fleetShard(tenantId, shard)).set({ shard, windows, hosts: {} });
    const ts = Date.now();
    await postBatch(key, { events: [metric('web-01', 'cpu', 5, ts)] });

    const chunks = await adminDb.collection(paths.windowChunks(tenantId)).get();
    expect(chunks.docs.map((doc) => doc.id)).toEqual([`web-01_1m_${chunkStart}`]);
    expect(chunks.docs[0]?.get('expiresAt')).toBeInstanceOf(Timestamp);
    expect(windowChunkDoc.parse(chunks.docs[0]?.data())).toMatchObject({ host: 'web-01', resolution: '1m', start: chunkStart, end: chunkStart + 600_000, windows: windows['1m'] });
    const host = storedHostDoc.parse((await adminDb.doc(paths.host(tenantId, 'web-01')).get()).data());
    expect(host.windows['1m'].map((window) => window.start)).toEqual([windowStart(ts, '1m')]);
    expect(host.windows['10s'].map((window) => window.start)).toEqual([windowStart(ts, '10s')]);

    const fleetChunks = await adminDb.collection(paths.fleetChunks(tenantId)).get();
    expect(fleetChunks.docs.map((doc) => doc.id)).toEqual([`${shard}_1m_${chunkStart}`]);
    expect(fleetChunks.docs[0]?.get('expiresAt')).toBeInstanceOf(Timestamp);
    expect(fleetChunkDoc.parse(fleetChunks.docs[0]?.data())).toMatchObject({ shard, resolution: '1m', start: chunkStart, end: chunkStart + 600_000, windows: windows['1m'] });
    const fleetShard = fleetShardDoc.parse((await adminDb.doc(paths.fleetShard(tenantId, shard)).get()).data());
    expect(fleetShard.windows['1m'].map((window) => window.start)).toEqual([windowStart(ts, '1m')]);
    expect(fleetShard.windows['10s'].map((window) => window.start)).toEqual([windowStart(ts, '10s')]);

    await postBatch(key, { events: [metric('web-01', 'cpu', 6)] });
    const again = await adminDb.doc(chunks.docs[0]?.ref.path ?? '').get();
    expect(again.updateTime?.isEqual(chunks.docs[0]?.updateTime ?? Timestamp.now())).toBe(true);
    const fleetAgain = await adminDb.doc(fleetChunks.docs[0]?.ref.path ?? '').get();
    expect(fleetAgain.updateTime?.isEqual(fleetChunks.docs[0]?.updateTime ?? Timestamp.now())).toBe(true);
  });

  it('stores a host\'s recent windows as one bytes value, and adds to those of a host document that holds them as maps (written before)', async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const minute = windowStart(ts, '1m');
    const before = { start: minute, errorCount: 1, metrics: { cpu: { count: 2, sum: 30, min: 10, max: 20, last: 20, lastTs: minute } } };
    await adminDb.doc(paths.host(tenantId, 'web-01')).set({ host: 'web-01', lastSeen: minute, metrics: {}, recentErrors: [], windows: { '10s': [], '1m': [before], '1h': [] }, appliedBatches: [] });
    await postBatch(key, { events: [metric('web-01', 'cpu', 60, ts)] });

    const stored = (await adminDb.doc(paths.host(tenantId, 'web-01')).get()).get('windows');
    expect(stored).toBeInstanceOf(Uint8Array);
    const windows = storedHostDoc.parse((await adminDb.doc(paths.host(tenantId, 'web-01')).get()).data()).windows;
    expect(windows['1m']).toEqual([{ start: minute, errorCount: 1, metrics: { cpu: { count: 3, sum: 90, min: 10, max: 60, last: 60, lastTs: ts } } }]);
    expect(windows['10s'].map((window) => window.start)).toEqual([windowStart(ts, '10s')]);
  });

  it('writes fleet shard documents, stamped with their commit time, whose windows sum to the fleet and keep only the card metrics at 10 s', async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const hosts = Array.from({ length: 12 }, (_, i) => `node-${i}`);
    await Promise.all(hosts.map((host, i) => postBatch(key, { events: [metric(host, 'cpu', i, ts), metric(host, 'disk', i, ts)] })));
    const shards = await adminDb.collection(paths.fleetShards(tenantId)).get();
    expect(shards.size).toBeGreaterThan(1);
    expect(shards.size).toBeLessThanOrEqual(FLEET_SHARDS);
    for (const resolution of ['10s', '1m', '1h'] as const) {
      let count = 0;
      let sum = 0;
      for (const shard of shards.docs) {
        expect(shard.get('updatedAt')).toBeInstanceOf(Timestamp);
        const window = fleetShardDoc.parse(shard.data()).windows[resolution].find((w) => w.start === windowStart(ts, resolution));
        count += window?.metrics['cpu']?.count ?? 0;
        sum += window?.metrics['cpu']?.sum ?? 0;
        if (resolution === '10s') expect(Object.keys(window?.metrics ?? {}).every((metric) => (CARD_METRICS as readonly string[]).includes(metric))).toBe(true);
        else expect(window?.metrics['disk']?.count ?? 0).toBeGreaterThan(0);
      }
      expect({ resolution, count, sum }).toEqual({ resolution, count: 12, sum: 66 });
    }
  });

  it("keeps each host's digest, as its last batch left the host, in its batch's shard", async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const silencedUntil = Date.now() + 60_000;
    await adminDb.doc(paths.host(tenantId, 'web-01')).set({ thresholds: { cpu: { warning: 10, critical: 20 } }, silencedUntil });
    await postBatch(key, {
      events: [
        metric('web-01', 'cpu', 40, ts),
        metric('web-01', 'disk', 80, ts),
        metric('web-02', 'cpu', 50, ts),
        { type: 'error', host: 'web-02', code: 'E503', message: 'upstream timeout', ts },
      ],
    });
    // Both batches' first host is web-01: they add to the same shard, the second replacing web-01's digest.
    await postBatch(key, { events: [metric('web-01', 'cpu', 70, ts + 1)] });

    const shards = await adminDb.collection(paths.fleetShards(tenantId)).get();
    expect(shards.docs.map((doc) => doc.id)).toEqual([String(fleetShardOf('web-01'))]);
    const digests = fleetShardDoc.parse(shards.docs[0]?.data()).hosts;
    expect(digests).toEqual({
      // Another metric's value is kept (the hosts table's columns), not its override.
      'web-01': { lastSeen: ts + 1, metrics: { cpu: { value: 70, ts: ts + 1 }, disk: { value: 80, ts } }, errorsPerMinute: 0, thresholds: { cpu: { warning: 10, critical: 20 } }, silencedUntil },
      'web-02': { lastSeen: ts, metrics: { cpu: { value: 50, ts } }, errorsPerMinute: expect.any(Number), thresholds: {}, silencedUntil: null },
    });
    const web02 = hostDoc.parse((await adminDb.doc(paths.host(tenantId, 'web-02')).get()).data());
    expect(digests['web-02']?.errorsPerMinute).toBe(web02.errorsPerMinute);
    expect(web02.errorsPerMinute).toBeGreaterThan(0);
  });

  it('replays a batchId with the original answer, duplicate: true, writing nothing', async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const batch = { batchId: 'agent-7:42', events: [metric('web-01', 'cpu', 10, ts), { type: 'metric', host: '..', metric: 'cpu', value: 1 }] };
    const first = ingestResponse.parse((await postBatch(key, batch)).body);
    const before = await adminDb.doc(paths.host(tenantId, 'web-01')).get();
    expect(storedHostDoc.parse(before.data()).appliedBatches.map((applied) => applied.id)).toEqual(['agent-7:42']);
    const written = await ingestWrites(tenantId);

    const replay = ingestResponse.parse((await postBatch(key, batch)).body);
    expect(replay).toEqual({ ...first, duplicate: true });
    const after = await adminDb.doc(paths.host(tenantId, 'web-01')).get();
    expect(after.updateTime?.isEqual(before.updateTime ?? Timestamp.now())).toBe(true);
    expect(await ingestWrites(tenantId)).toEqual(written);
    expect((await hostWindow(tenantId, 'web-01', ts)).metrics['cpu']?.count).toBe(1);
  });

  it('applies a batch of two hosts once when five copies of it arrive at once', { timeout: 180_000 }, async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const batch = { batchId: 'collector-1:9', events: [metric('web-01', 'cpu', 10, ts), metric('web-02', 'cpu', 20, ts), { type: 'metric', host: 'web-02', metric: 'cpu', value: 'x' }] };
    const answers = (await Promise.all(Array.from({ length: 5 }, () => postBatch(key, batch)))).map((answer) => ingestResponse.parse(answer.body));
    expect(answers.filter((answer) => !answer.duplicate)).toHaveLength(1);
    expect(answers.map(({ duplicate: _, ...answer }) => answer)).toEqual(answers.map(() => ({ accepted: 2, rejected: [{ index: 2, reason: expect.any(String) }], batchId: 'collector-1:9' })));
    for (const host of ['web-01', 'web-02']) {
      expect((await hostWindow(tenantId, host, ts)).metrics['cpu']?.count).toBe(1);
      expect(storedHostDoc.parse((await adminDb.doc(paths.host(tenantId, host)).get()).data()).appliedBatches.map((applied) => applied.id)).toEqual(['collector-1:9']);
    }
  });

  it('keeps aggregates exact under 20 concurrent batches for one host and window', { timeout: 180_000 }, async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = midWindowTs();
    const batches = Array.from({ length: 20 }, (_, b) => ({
      batchId: `concurrent-${b}`,
      events: Array.from({ length: 10 }, (_, e) => metric('web-01', 'cpu', b * 10 + e, ts + b)),
    }));
    // A batch the emulator's lock timeout answers 503 (it wrote nothing) is sent again, as an agent does:
    // the aggregates below then hold only if no batch counted twice or not at all.
    const answers = await Promise.all(batches.map((batch) => postUntilStored(key, batch)));
    expect(answers.map((a) => a.status)).toEqual(batches.map(() => 200));

    const window = await hostWindow(tenantId, 'web-01', ts);
    expect(window.metrics['cpu']).toEqual({ count: 200, sum: (199 * 200) / 2, min: 0, max: 199, last: 199, lastTs: ts + 19 });
    const fleet = await adminDb.collection(paths.fleetShards(tenantId)).get();
    expect(fleet.docs.map((doc) => fleetShardDoc.parse(doc.data()).windows['1h'].find((w) => w.start === windowStart(ts, '1h'))?.metrics['cpu']?.count)).toEqual([200]);
  });

  it('accepts a gzip body', async () => {
    const { tenantId, key } = await ingestTenant();
    const answer = await postBatch(key, { events: [metric('gz-01', 'cpu', 5)] }, { gzip: true });
    expect(answer.status).toBe(200);
    expect(ingestResponse.parse(answer.body).accepted).toBe(1);
    expect(await ingestWrites(tenantId)).toContain(paths.host(tenantId, 'gz-01'));
  });

  it('never clobbers the thresholds and silence the commands function wrote', async () => {
    const { tenantId, key } = await ingestTenant();
    await adminDb.doc(paths.host(tenantId, 'web-01')).set({ thresholds: { cpu: { warning: 10, critical: 20 } }, silencedUntil: Date.now() + 60_000 });
    await postBatch(key, { events: [metric('web-01', 'cpu', 5)] });
    const host = hostDoc.parse((await adminDb.doc(paths.host(tenantId, 'web-01')).get()).data());
    expect(host.thresholds).toEqual({ cpu: { warning: 10, critical: 20 } });
    expect(host.silencedUntil).toBeGreaterThan(Date.now());
  });
});
