import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Timestamp, type DocumentSnapshot, type QuerySnapshot } from 'firebase-admin/firestore';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { logger } from 'firebase-functions';
import {
  DEFAULT_TENANT_SETTINGS,
  FLEET_SHARDS,
  LIVE_SLOT_MS,
  RESOLUTIONS,
  SPARKLINE_WINDOWS,
  fleetWindowDoc,
  liveFoldTask,
  liveOverviewPartsDoc,
  paths,
  tenantDoc,
  type FleetSettings,
  type FleetWindowDoc,
  type HostDigestsDoc,
} from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { commitCounted, countingWrites, writesSoFar } from '../shared/document-writes';
import { stored, storedDigests } from '../ingest/stored-documents';
import { enqueueLiveFold } from './enqueue-live-fold';
import { emptyParts, extraReads, foldLiveOverview, type Fold } from './fold-live-overview';

/** Folds racing on one tenant's parts (a slow fold and the next slot's): the loser reads again. */
const FOLD_ATTEMPTS = 3;
/**
 * How far before the sparkline's span a 10 s shard may have been written and still belong to it
 * (an agent's clock ahead of ingest's): the first fold of a tenant reads the shards written since.
 */
const SPAN_MARGIN_MS = 60_000;
const SPAN_MS = SPARKLINE_WINDOWS * RESOLUTIONS['10s'].ms;

/**
 * Folds a tenant's live overview once a slot (docs/DATA-MODEL.md, "The live overview"): what
 * changed since the last fold, into the summary the overview listens to. The tasks emulator
 * dispatches at once, ignoring the schedule: the fold waits for its slot's end itself, so every
 * batch of the slot is in it.
 */
export const foldLiveSummary = onTaskDispatched({ retryConfig: { maxAttempts: 5, minBackoffSeconds: 1 }, rateLimits: { maxConcurrentDispatches: 100 } }, async (request) => {
  const task = liveFoldTask.safeParse(request.data);
  if (!task.success) {
    logger.error('unreadable live fold task', { taskId: request.id });
    return;
  }
  const { tenantId, slotEnd } = task.data;
  const early = slotEnd - Date.now();
  // Only the emulator dispatches early. A batch's fold waits for its slot's end; a self-scheduled
  // one (a host about to turn stale) would fold now and again at each refold, so there it leaves
  // the transition to the next batch's fold.
  if (early > LIVE_SLOT_MS) return;
  if (early > 0) await sleep(early);
  await countingWrites(async () => {
    const fold = await foldTenant(tenantId);
    logger.info('live overview folded', { tenantId, slotEnd, hosts: fold.summary.hostCount, windows: fold.summary.windows.length, ...writesSoFar() });
    if (fold.nextFoldAt !== null) await enqueueLiveFold(tenantId, fold.nextFoldAt);
  });
});

function settingsOf(snapshot: DocumentSnapshot): FleetSettings {
  const tenant = tenantDoc.safeParse(snapshot.data());
  return tenant.success ? tenant.data : DEFAULT_TENANT_SETTINGS;
}

function settingsKeyOf({ thresholds, staleAfterSeconds }: FleetSettings): string {
  return createHash('sha256').update(JSON.stringify([thresholds, staleAfterSeconds])).digest('hex');
}

function laterOf(a: Timestamp, b: Timestamp): Timestamp {
  return a.toMillis() >= b.toMillis() ? a : b;
}

function digestsOf(snapshots: readonly DocumentSnapshot[]): HostDigestsDoc[] {
  return snapshots.filter((snapshot) => snapshot.exists).map((snapshot) => ({ shard: Number(snapshot.id), hosts: storedDigests(snapshot) }));
}

function shardsOf(query: QuerySnapshot): FleetWindowDoc[] {
  return query.docs.flatMap((snapshot) => stored(snapshot, fleetWindowDoc) ?? []);
}

/**
 * One fold: reads the parts and the tenant, the 10 s fleet shards and digests shards written since
 * the parts' cutoff (one query each), the extra reads the parts call for, and writes parts and
 * summary in one batch, on condition that no other fold wrote the parts meanwhile.
 */
async function foldTenant(tenantId: string): Promise<Fold> {
  const partsRef = db.doc(paths.liveOverviewParts(tenantId));
  for (let attempt = 1; ; attempt++) {
    const [partsSnapshot, tenantSnapshot] = await db.getAll(partsRef, db.doc(paths.tenant(tenantId)));
    if (partsSnapshot === undefined || tenantSnapshot === undefined) throw new Error('getAll answered fewer documents than asked');
    const settings = settingsOf(tenantSnapshot);
    const settingsKey = settingsKeyOf(settings);
    const parts = stored(partsSnapshot, liveOverviewPartsDoc) ?? emptyParts(settingsKey);
    const storedCutoff: unknown = partsSnapshot.get('cutoff');
    const cutoff = storedCutoff instanceof Timestamp ? storedCutoff : Timestamp.fromMillis(0);
    const now = Date.now();
    const [fleet, digests] = await Promise.all([
      db.collection(paths.fleetWindows(tenantId)).where('updatedAt', '>', laterOf(cutoff, Timestamp.fromMillis(now - SPAN_MS - SPAN_MARGIN_MS))).get(),
      db.collection(paths.hostDigests(tenantId)).where('updatedAt', '>', cutoff).get(),
    ]);
    // Every write committed before this time was seen by both queries: the next fold starts from it.
    const readTime = fleet.readTime.toMillis() <= digests.readTime.toMillis() ? fleet.readTime : digests.readTime;
    const changedShards = shardsOf(fleet);
    const changedDigests = digestsOf(digests.docs);
    const extra = extraReads(parts, settingsKey, changedShards.map((shard) => shard.start), new Set(changedDigests.map((digest) => digest.shard)), now);
    const [wholeWindows, dueDigests] = await Promise.all([
      Promise.all(extra.wholeWindows.map(async (start) => {
        const shards = await db.collection(paths.fleetWindows(tenantId)).where('resolution', '==', '10s').where('start', '==', start).limit(FLEET_SHARDS).get();
        return [start, shardsOf(shards)] as const;
      })),
      extra.dueShards.length === 0 ? [] : db.getAll(...extra.dueShards.map((shard) => db.doc(paths.hostDigest(tenantId, shard)))),
    ]);
    const fold = foldLiveOverview({
      parts,
      settingsKey,
      settings,
      changedShards,
      wholeWindows: new Map(wholeWindows),
      digests: [...changedDigests, ...digestsOf(dueDigests)],
      now,
    });
    const written = { ...fold.parts, cutoff: readTime };
    try {
      await commitCounted((batch) => {
        if (partsSnapshot.exists && partsSnapshot.updateTime !== undefined) batch.update(partsRef, written, { lastUpdateTime: partsSnapshot.updateTime });
        else batch.create(partsRef, written);
        batch.set(db.doc(paths.liveOverview(tenantId)), fold.summary);
      });
      return fold;
    } catch (error) {
      // FAILED_PRECONDITION (9) or ALREADY_EXISTS (6): another fold wrote the parts since they were read.
      const lost = typeof error === 'object' && error !== null && 'code' in error && (error.code === 9 || error.code === 6);
      if (!lost || attempt >= FOLD_ATTEMPTS) throw error;
    }
  }
}
