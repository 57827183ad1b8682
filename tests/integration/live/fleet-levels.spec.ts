import { describe, expect, it } from 'vitest';
import { LEAF_RAISE_BATCHES_PER_MINUTE, fleetGroupDoc, fleetLeafDoc, liveOverviewDoc, paths, storedHostDoc, type LiveWindow } from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { BATCH_RATE_MINUTE_MS } from '../../../functions/src/ingest/fleet-level';
import { fleetLeafOf, fleetShardOf } from '../../../functions/src/ingest/fleet-shard';
import { ingestTenant, metric, postBatch } from '../ingest/ingest-fixture';
import { mergedWindows } from './merged-windows';

/** The 10 s windows every host of the tenant holds, summed by the contracts' merge: what the overview must show. */
async function mergedHosts(tenantId: string): Promise<LiveWindow[]> {
  return mergedWindows((await adminDb.collection(paths.hosts(tenantId)).get()).docs.flatMap((doc) => storedHostDoc.parse(doc.data()).windows['10s']));
}

const overviewOf = async (tenantId: string) => {
  const snapshot = await adminDb.doc(paths.liveOverview(tenantId, 'slotEnd')).get();
  return snapshot.exists ? liveOverviewDoc.parse(snapshot.data()) : undefined;
};

/**
 * Waits, if need be, for a minute of the clock with `roomMs` left in it. A fleet document counts its
 * batches by calendar minute (`countBatch`), so batches meant to reach the raise's rate in a minute
 * must not straddle one: a minute boundary among them splits their count in two, and none raises.
 */
async function minuteWithRoom(roomMs: number): Promise<void> {
  const left = BATCH_RATE_MINUTE_MS - (Date.now() % BATCH_RATE_MINUTE_MS);
  if (left < roomMs) await new Promise((resolve) => setTimeout(resolve, left));
}

const cpuCount = (windows: readonly LiveWindow[] | undefined) => (windows ?? []).reduce((total, window) => total + (window.metrics.cpu?.count ?? 0), 0);

describe('fleet levels', () => {
  it('raises the tenant a level when its shard takes LEAF_RAISE_BATCHES_PER_MINUTE batches of two agents in a minute; the overview stays the exact merge of every batch, once', async () => {
    const { tenantId, key } = await ingestTenant();
    const busy = 'level-busy';
    // A second host of the same shard whose leaf at level 1 is the other one of the shard's two.
    const other = Array.from({ length: 100 }, (_, i) => `level-other-${i}`).find((host) => fleetShardOf(host) === fleetShardOf(busy) && fleetLeafOf(host, 1) !== fleetLeafOf(busy, 1));
    expect(other).toBeDefined();
    const shard = fleetShardOf(busy);
    const fleetLevel = async () => (await adminDb.doc(paths.tenant(tenantId)).get()).get('fleetLevel');

    // Two agents sharing the shard, whose batches a raise splits: one short of the rate, then the one that reaches it.
    const hostOf = (i: number) => (i % 2 === 0 ? busy : (other ?? ''));
    // Their posts take 1-2 s here, 8 s on a cold functions emulator.
    await minuteWithRoom(20_000);
    for (let i = 1; i < LEAF_RAISE_BATCHES_PER_MINUTE; i++) {
      expect((await postBatch(key, { batchId: `busy-${i}`, events: [metric(hostOf(i), 'cpu', i)] })).status).toBe(200);
    }
    expect(await fleetLevel()).toBeUndefined();
    expect((await postBatch(key, { batchId: `busy-${LEAF_RAISE_BATCHES_PER_MINUTE}`, events: [metric(busy, 'cpu', 1)] })).status).toBe(200);
    expect(await fleetLevel()).toBe(1);

    // Past the raise each host's batches write its leaf; a copy of a batch applied at level 0 is still a replay.
    expect((await postBatch(key, { batchId: 'busy-after', events: [metric(busy, 'cpu', 60)] })).status).toBe(200);
    expect((await postBatch(key, { batchId: 'other-after', events: [metric(other ?? '', 'cpu', 70)] })).status).toBe(200);
    expect((await postBatch(key, { batchId: `busy-${LEAF_RAISE_BATCHES_PER_MINUTE}`, events: [metric(busy, 'cpu', 1)] })).status).toBe(200);
    const leaves = (await adminDb.collection(paths.fleetLeaves(tenantId)).get()).docs.map((doc) => fleetLeafDoc.parse(doc.data()));
    expect(leaves.map((leaf) => [leaf.shard, leaf.group]).sort()).toEqual([[fleetLeafOf(busy, 1), shard], [fleetLeafOf(other ?? '', 1), shard]].sort());

    // The tenant's fold, its leaves into their shard first: every batch once, level 0's and the leaves' alike.
    const sent = LEAF_RAISE_BATCHES_PER_MINUTE + 2;
    await expect.poll(async () => cpuCount((await overviewOf(tenantId))?.windows), { timeout: 20_000 }).toBe(sent);
    const overview = await overviewOf(tenantId);
    expect(overview?.windows).toEqual(await mergedHosts(tenantId));
    expect(overview?.hostCount).toBe(2);
    const folded = fleetGroupDoc.parse((await adminDb.doc(paths.fleetShard(tenantId, shard)).get()).data());
    expect(Object.keys(folded.hosts).sort()).toEqual([busy, other].sort());
    expect(folded.metricNames).toHaveProperty('cpu');
  }, 60_000);

  it('folds a tenant already past level 0 from its leaves alone', async () => {
    const { tenantId, key } = await ingestTenant({ fleetLevel: 3 });
    const hosts = Array.from({ length: 12 }, (_, i) => `deep-${i}`);
    const answers = await Promise.all(hosts.map((host, i) => postBatch(key, { batchId: `deep-${i}`, events: [metric(host, 'cpu', 10 * i), metric(host, 'requests', i)] })));
    expect(answers.map((answer) => answer.status)).toEqual(hosts.map(() => 200));
    await expect.poll(async () => (await overviewOf(tenantId))?.hostCount, { timeout: 20_000 }).toBe(hosts.length);
    await expect.poll(async () => cpuCount((await overviewOf(tenantId))?.windows), { timeout: 10_000 }).toBe(hosts.length);
    expect((await overviewOf(tenantId))?.windows).toEqual(await mergedHosts(tenantId));
    const leaves = (await adminDb.collection(paths.fleetLeaves(tenantId)).get()).docs.map((doc) => Number(doc.id));
    expect(leaves.sort((a, b) => a - b)).toEqual([...new Set(hosts.map((host) => fleetLeafOf(host, 3)))].sort((a, b) => a - b));
    // Every shard document was written by the fold from its leaves, none by a batch.
    const shards = (await adminDb.collection(paths.fleetShards(tenantId)).get()).docs;
    expect(shards.length).toBeGreaterThan(0);
    for (const shard of shards) expect(shard.get('foldedFromLeaves')).toBe(true);
  });
});
