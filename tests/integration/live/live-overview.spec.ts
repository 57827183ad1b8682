import { setTimeout as sleep } from 'node:timers/promises';
import { FieldValue } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { LIVE_SLOT_MS, fleetShardDoc, liveOverviewDoc, liveOverviewPartsDoc, paths, type LiveOverviewDoc, type LiveSummary, type LiveWindow } from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { fleetShardOf } from '../../../functions/src/ingest/fleet-shard';
import { ingestTenant, metric, postBatch } from '../ingest/ingest-fixture';
import { mergedWindows } from './merged-windows';

const slotOf = (time: number) => Math.floor(time / LIVE_SLOT_MS);

/** Every 10 s window of the tenant's fleet shards, summed by the contracts' merge: what the summary must hold. */
async function mergedShards(tenantId: string): Promise<LiveWindow[]> {
  return mergedWindows((await adminDb.collection(paths.fleetShards(tenantId)).get()).docs.flatMap((doc) => fleetShardDoc.parse(doc.data()).windows['10s']));
}

/** Records each version of one of the tenant's summaries as the fold writes it, and its commit's time. */
function summaryVersions(tenantId: string, summary: LiveSummary = 'slotEnd') {
  const versions: LiveOverviewDoc[] = [];
  const updateTimes: string[] = [];
  const stop = adminDb.doc(paths.liveOverview(tenantId, summary)).onSnapshot((snapshot) => {
    if (!snapshot.exists) return;
    versions.push(liveOverviewDoc.parse(snapshot.data()));
    updateTimes.push(snapshot.updateTime?.valueOf() ?? '');
  });
  return { versions, updateTimes, stop };
}

/** Someone opens the tenant's overview: its heartbeat, as the app writes it (the server's time). */
async function openOverview(tenantId: string): Promise<void> {
  await adminDb.doc(paths.overviewViewer(tenantId, 'uid-watching')).set({ viewedAt: FieldValue.serverTimestamp() });
}

/** The most batches a test posts looking for one answered within its slot's first half. */
const FIRST_HALF_TRIES = 5;

/**
 * Posts a batch of host `mid-<n>` for n = first, first + 1, ... up to FIRST_HALF_TRIES, each just
 * after a slot starts, until one is answered within its slot's first half (on a slow emulator the
 * answer may come later): that batch's slot and n, or undefined.
 */
async function postInFirstHalf(key: string, first = 1): Promise<{ slotStart: number; hostsPosted: number } | undefined> {
  for (let hostsPosted = first; hostsPosted <= FIRST_HALF_TRIES; hostsPosted++) {
    await sleep(LIVE_SLOT_MS - (Date.now() % LIVE_SLOT_MS) + 150);
    const posted = Date.now();
    expect((await postBatch(key, { events: [metric(`mid-${hostsPosted}`, 'cpu', 40)] })).status).toBe(200);
    const answered = Date.now();
    if (slotOf(answered) === slotOf(posted) && answered % LIVE_SLOT_MS < LIVE_SLOT_MS / 2) return { slotStart: slotOf(posted) * LIVE_SLOT_MS, hostsPosted };
  }
  return undefined;
}

describe('the live overview fold', () => {
  it('folds concurrent batches once a slot, into a summary equal to the merge of the fleet shards', async () => {
    const { tenantId, key } = await ingestTenant();
    const { versions, stop } = summaryVersions(tenantId);
    const hosts = Array.from({ length: 10 }, (_, i) => `live-${i}`);
    // Start just after a slot begins, so the batches fall in as few slots as the emulator allows.
    await sleep(LIVE_SLOT_MS - (Date.now() % LIVE_SLOT_MS) + 20);
    const began = Date.now();
    const answers = await Promise.all(
      hosts.map((host, i) => postBatch(key, { batchId: `live-batch-${i}`, events: [metric(host, 'cpu', 5 * i), metric(host, 'requests', i), metric(host, 'disk', 1)] })),
    );
    const ended = Date.now();
    expect(answers.map((answer) => answer.status)).toEqual(hosts.map(() => 200));

    // The last slot's fold comes at its end; give any further fold time to land too.
    await expect.poll(() => versions.at(-1)?.hostCount, { timeout: 15_000 }).toBe(hosts.length);
    await sleep(3 * LIVE_SLOT_MS);
    stop();

    const slots = slotOf(ended) - slotOf(began) + 1;
    expect(versions.length).toBeGreaterThanOrEqual(1);
    expect(versions.length).toBeLessThanOrEqual(slots);
    const summary = versions.at(-1);
    expect(summary?.windows).toEqual(await mergedShards(tenantId));
    // CPU below the default warning level (80): every host is ok.
    expect(summary?.health).toEqual({ ok: hosts.length, warning: 0, critical: 0, stale: 0, silenced: 0 });
    expect(summary?.topByCpu).toEqual([45, 40, 35, 30, 25].map((value) => ({ host: `live-${value / 5}`, value })));
    expect(summary?.reporting.cpu).toBe(hosts.length);
  });

  it('folds a later batch into the same window exactly, reading only what changed', async () => {
    const { tenantId, key } = await ingestTenant();
    const ts = Date.now();
    expect((await postBatch(key, { events: [metric('late-a', 'cpu', 30, ts)] })).status).toBe(200);
    await expect.poll(async () => (await adminDb.doc(paths.liveOverview(tenantId, 'slotEnd')).get()).get('hostCount'), { timeout: 15_000 }).toBe(1);
    expect((await postBatch(key, { events: [metric('late-b', 'cpu', 50, ts), metric('late-a', 'cpu', 70, ts + 1)] })).status).toBe(200);
    await expect.poll(async () => (await adminDb.doc(paths.liveOverview(tenantId, 'slotEnd')).get()).get('hostCount'), { timeout: 15_000 }).toBe(2);
    const summary = liveOverviewDoc.parse((await adminDb.doc(paths.liveOverview(tenantId, 'slotEnd')).get()).data());
    expect(summary.windows).toEqual(await mergedShards(tenantId));
    expect(summary.windows.at(-1)?.metrics.cpu).toMatchObject({ count: 3, sum: 150, min: 30, max: 70 });
  });

  it('rebuilds the summary from every shard when its parts fail their contract (another version wrote them)', async () => {
    const { tenantId, key } = await ingestTenant();
    const hostCount = async () => (await adminDb.doc(paths.liveOverview(tenantId, 'slotEnd')).get()).get('hostCount');
    expect(fleetShardOf('rebuild-a')).not.toBe(fleetShardOf('rebuild-b'));
    expect((await postBatch(key, { events: [metric('rebuild-a', 'cpu', 10)] })).status).toBe(200);
    await expect.poll(hostCount, { timeout: 15_000 }).toBe(1);
    // Parts of another shape, their cutoff kept: the fold must not trust a cutoff whose parts it cannot read.
    await adminDb.doc(paths.liveOverviewParts(tenantId)).update({ shards: 'another version' });
    expect((await postBatch(key, { events: [metric('rebuild-b', 'cpu', 20)] })).status).toBe(200);
    await expect.poll(hostCount, { timeout: 15_000 }).toBe(2);
    const summary = liveOverviewDoc.parse((await adminDb.doc(paths.liveOverview(tenantId, 'slotEnd')).get()).data());
    expect(summary.windows).toEqual(await mergedShards(tenantId));
  });

  it('folds a batch that arrives in the slot a host turns stale in', async () => {
    // The fold asks for a fold of the slot its host turns stale in; that task shares the slot's id with
    // the slot's batches. The tasks emulator ran it at once (a no-op so early), and the batch of that
    // slot was refused as already enqueued: it was never folded, and a bench:ui sample in that slot
    // never reached the card.
    const { tenantId, key } = await ingestTenant({ staleAfterSeconds: 10 });
    expect((await postBatch(key, { events: [metric('due-a', 'cpu', 10)] })).status).toBe(200);
    await expect.poll(async () => (await adminDb.doc(paths.liveOverview(tenantId, 'slotEnd')).get()).get('hostCount'), { timeout: 15_000 }).toBe(1);
    const parts = liveOverviewPartsDoc.parse((await adminDb.doc(paths.liveOverviewParts(tenantId)).get()).data());
    const staleAt = Math.min(...Object.values(parts.shards).flatMap((part) => (part.nextChangeAt === null ? [] : [part.nextChangeAt])));
    expect(staleAt).toBeLessThan(Date.now() + 11_000);

    // Early in the slot the host turns stale in, so the batch commits and asks within it.
    await sleep(slotOf(staleAt) * LIVE_SLOT_MS + 50 - Date.now());
    expect((await postBatch(key, { events: [metric('due-a', 'cpu', 90)] })).status).toBe(200);
    await expect
      .poll(async () => liveOverviewDoc.parse((await adminDb.doc(paths.liveOverview(tenantId, 'slotEnd')).get()).data()).topByCpu[0]?.value, { timeout: 10_000 })
      .toBe(90);
  });

  it('shows a batch of a slot\'s first half in the mid-slot summary, half a slot before the slot\'s end, writing no parts', async () => {
    const { tenantId, key } = await ingestTenant();
    await openOverview(tenantId);
    const midSlot = summaryVersions(tenantId, 'midSlot');
    const slotEnd = summaryVersions(tenantId, 'slotEnd');
    const partsUpdates: string[] = [];
    const stopParts = adminDb.doc(paths.liveOverviewParts(tenantId)).onSnapshot((snapshot) => {
      if (snapshot.exists) partsUpdates.push(snapshot.updateTime?.valueOf() ?? '');
    });
    // A batch answered within its slot's first half asked for the mid-slot fold, which shows it half a
    // slot before the slot's end unless an earlier fold ran late enough to see it (then the mid-slot
    // fold finds nothing new and writes nothing): then a batch of another host is posted in a later slot.
    let shown: { slotStart: number; hostsPosted: number; summary: LiveOverviewDoc } | undefined;
    let posted = await postInFirstHalf(key);
    while (posted !== undefined) {
      await sleep(posted.slotStart + 2 * LIVE_SLOT_MS - Date.now());
      const { hostsPosted } = posted;
      const summary = midSlot.versions.find((version) => version.hostCount === hostsPosted);
      if (summary !== undefined) {
        shown = { ...posted, summary };
        break;
      }
      posted = await postInFirstHalf(key, hostsPosted + 1);
    }
    if (shown === undefined) throw new Error(`no batch of ${FIRST_HALF_TRIES} showed in the mid-slot summary`);
    const { slotStart, hostsPosted, summary: shownMidSlot } = shown;
    await expect.poll(() => slotEnd.versions.find((version) => version.hostCount === hostsPosted)?.foldedAt, { timeout: 15_000 }).toBeDefined();
    await sleep(LIVE_SLOT_MS);
    // The parts' listener first, then time for any commit it saw to reach the summaries' listeners.
    stopParts();
    await sleep(500);
    midSlot.stop();
    slotEnd.stop();
    const shownAtEnd = slotEnd.versions.find((version) => version.hostCount === hostsPosted);
    expect(shownMidSlot.foldedAt).toBeGreaterThanOrEqual(slotStart + LIVE_SLOT_MS / 2);
    expect(shownMidSlot.foldedAt).toBeLessThan(slotStart + LIVE_SLOT_MS);
    expect(shownAtEnd?.foldedAt).toBeGreaterThanOrEqual(slotStart + LIVE_SLOT_MS);
    expect(shownMidSlot.health).toEqual(shownAtEnd?.health);
    expect(shownMidSlot.topByCpu).toEqual(shownAtEnd?.topByCpu);
    // Each commit of the parts is a slot's end fold's (one batch with its summary), never a mid-slot one.
    expect(partsUpdates.length).toBeGreaterThanOrEqual(1);
    for (const updated of partsUpdates) {
      expect(slotEnd.updateTimes).toContain(updated);
      expect(midSlot.updateTimes).not.toContain(updated);
    }
  });

  it('folds no mid-slot summary while nobody has the overview open; the slot\'s end shows the batch', async () => {
    const { tenantId, key } = await ingestTenant();
    const inFirstHalf = await postInFirstHalf(key);
    if (inFirstHalf === undefined) throw new Error(`no batch of ${FIRST_HALF_TRIES} was answered in its slot's first half`);
    const { slotStart, hostsPosted } = inFirstHalf;
    await expect.poll(async () => (await adminDb.doc(paths.liveOverview(tenantId, 'slotEnd')).get()).get('hostCount'), { timeout: 15_000 }).toBe(hostsPosted);
    // Past the slot's end and the time a mid-slot fold would have taken.
    await sleep(Math.max(0, slotStart + 3 * LIVE_SLOT_MS - Date.now()));
    expect((await adminDb.doc(paths.liveOverview(tenantId, 'midSlot')).get()).exists).toBe(false);
  });
});
