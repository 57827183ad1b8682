import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Timestamp, type DocumentSnapshot } from 'firebase-admin/firestore';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { HttpsError } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import {
  DEFAULT_TENANT_SETTINGS,
  FLEET_SHARDS,
  LIVE_SLOT_MS,
  liveFoldTask,
  liveOverviewPartsDoc,
  paths,
  recentWindows,
  storageSize,
  tenantDoc,
  type FleetSettings,
  type HostDigestsDoc,
} from '@pulseboard/contracts';
import { db, queuesHonourSchedules } from '../shared/admin';
import { commitCounted, countingWrites, writesSoFar } from '../shared/document-writes';
import { stored, storedDigests } from '../ingest/stored-documents';
import { enqueueLiveFold } from './enqueue-live-fold';
import { lostPartsRace } from './parts-race';
import { changedTablePages, writeTablePages } from './host-table-writes';
import { emptyParts, extraReads, foldLiveOverview, shardWindowsOf, type Fold, type ShardWindow } from './fold-live-overview';

/** Folds racing on one tenant's parts (a slow fold and the next slot's): the loser reads again. */
const FOLD_ATTEMPTS = 3;

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
  // Only the tasks emulator dispatches early, and there only batches ask for folds (a slot ahead at most).
  const early = slotEnd - Date.now();
  if (early > 0) await sleep(Math.min(early, LIVE_SLOT_MS));
  await countingWrites(async () => {
    const fold = await foldTenant(tenantId);
    if (fold === null) {
      // Other folds kept writing the parts first: expected under load. This slot's batches may have
      // committed after the winners read the shards, so its fold must still run: the queue retries it
      // (an HttpsError is answered with its status, 503, and not logged by the framework as unhandled).
      logger.info('live overview fold lost the parts race; the queue retries it', { tenantId, slotEnd, attempts: FOLD_ATTEMPTS, ...writesSoFar() });
      throw new HttpsError('unavailable', 'other folds wrote the parts first; retry');
    }
    logger.info('live overview folded', { tenantId, slotEnd, hosts: fold.summary.hostCount, windows: fold.summary.windows.length, documentReads: fold.documentReads, ...fold.cost, ...writesSoFar() });
    // A fold asked for the slot a host turns stale in shares that slot's task id with the slot's
    // batches. The tasks emulator would run it at once, before the slot, and its batches' requests
    // would be refused as already enqueued: no fold for them. So there the transition waits for a batch.
    if (fold.nextFoldAt !== null && queuesHonourSchedules) await enqueueLiveFold(tenantId, fold.nextFoldAt);
  });
});

function settingsOf(snapshot: DocumentSnapshot): FleetSettings {
  const tenant = tenantDoc.safeParse(snapshot.data());
  return tenant.success ? tenant.data : DEFAULT_TENANT_SETTINGS;
}

function settingsKeyOf({ thresholds, staleAfterSeconds }: FleetSettings): string {
  return createHash('sha256').update(JSON.stringify([thresholds, staleAfterSeconds])).digest('hex');
}

function digestsOf(snapshots: readonly DocumentSnapshot[]): HostDigestsDoc[] {
  return snapshots.filter((snapshot) => snapshot.exists).map((snapshot) => ({ shard: Number(snapshot.id), hosts: storedDigests(snapshot) }));
}

/** The 10 s windows of fleet shard documents; a shard whose windows fail their contract is logged and counts none. */
function windowsOf(snapshots: readonly DocumentSnapshot[]): ShardWindow[] {
  return snapshots.flatMap((snapshot) => {
    const windows = recentWindows.safeParse(snapshot.get('windows'));
    if (windows.success) return shardWindowsOf(Number(snapshot.id), windows.data['10s']);
    logger.warn('fleet shard windows fail their contract; folded as none', { path: snapshot.ref.path });
    return [];
  });
}

/**
 * One fold: reads the parts and the tenant, the fleet shard documents written since the parts'
 * cutoff (one query), the extra reads the parts call for, and writes parts and summary in one
 * batch, on condition that no other fold wrote the parts meanwhile. Null when other folds won
 * FOLD_ATTEMPTS times.
 */
/**
 * What one fold's winning attempt cost, by phase (ms) and by bytes (Firestore's storage size): its
 * log line carries it, so a run's log shows which phase grows when the fold slows down.
 */
interface FoldCost {
  readMs: number;
  queryMs: number;
  extraMs: number;
  foldMs: number;
  commitMs: number;
  partsReadBytes: number;
  shardsRead: number;
  shardsReadBytes: number;
  partsWrittenBytes: number;
}

async function foldTenant(tenantId: string): Promise<(Fold & { documentReads: number; cost: FoldCost }) | null> {
  const partsRef = db.doc(paths.liveOverviewParts(tenantId));
  // What Firestore bills the fold for reading, every attempt included (a query one a document, at least one): bench:cost counts it.
  let documentReads = 0;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const [partsSnapshot, tenantSnapshot] = await db.getAll(partsRef, db.doc(paths.tenant(tenantId)));
    const read = performance.now();
    if (partsSnapshot === undefined || tenantSnapshot === undefined) throw new Error('getAll answered fewer documents than asked');
    const settings = settingsOf(tenantSnapshot);
    const settingsKey = settingsKeyOf(settings);
    const readable = stored(partsSnapshot, liveOverviewPartsDoc);
    const parts = readable ?? emptyParts(settingsKey);
    const storedCutoff: unknown = partsSnapshot.get('cutoff');
    // Parts that cannot be read (none yet, or another version's) are rebuilt from every shard: the
    // cutoff they were written with says what they held, so it goes with them.
    const cutoff = readable !== undefined && storedCutoff instanceof Timestamp ? storedCutoff : Timestamp.fromMillis(0);
    const now = Date.now();
    // The shard documents hold the windows and the digests: one query of what changed, both ways (the
    // shards' fields are exempt from indexing, `updatedAt` keeps its index).
    const changed = await db.collection(paths.fleetShards(tenantId)).where('updatedAt', '>', cutoff).limit(FLEET_SHARDS).get();
    const queried = performance.now();
    documentReads += 2 + Math.max(1, changed.size);
    const changedShards = windowsOf(changed.docs);
    const changedDigests = digestsOf(changed.docs);
    const extra = extraReads(parts, settingsKey, changedShards.map((shard) => shard.start), new Set(changedDigests.map((digest) => digest.shard)), now);
    const [everyShard, dueDigests, tablePages] = await Promise.all([
      // Late data in a window on the sparkline whose shares are not kept: every shard's share of it.
      extra.wholeWindows.length === 0 ? null : db.collection(paths.fleetShards(tenantId)).limit(FLEET_SHARDS).get(),
      extra.dueShards.length === 0 ? [] : db.getAll(...extra.dueShards.map((shard) => db.doc(paths.fleetShard(tenantId, shard)))),
      // The hosts table's pages of the changed shards' hosts, committed with the parts below.
      changedTablePages(tenantId, changedDigests),
    ]);
    documentReads += (everyShard === null ? 0 : Math.max(1, everyShard.size)) + dueDigests.length + tablePages.documentReads;
    const extraRead = performance.now();
    const everyWindow = everyShard === null ? [] : windowsOf(everyShard.docs);
    const fold = foldLiveOverview({
      parts,
      settingsKey,
      settings,
      changedShards,
      wholeWindows: new Map(extra.wholeWindows.map((start) => [start, everyWindow.filter((window) => window.start === start)])),
      digests: [...changedDigests, ...digestsOf(dueDigests)],
      now,
    });
    // Every write committed before this time was seen by the query: the next fold starts from it.
    const written = { ...fold.parts, cutoff: changed.readTime };
    const folded = performance.now();
    try {
      await commitCounted((batch) => {
        if (partsSnapshot.exists && partsSnapshot.updateTime !== undefined) batch.update(partsRef, written, { lastUpdateTime: partsSnapshot.updateTime });
        else batch.create(partsRef, written);
        batch.set(db.doc(paths.liveOverview(tenantId)), fold.summary);
        writeTablePages(batch, tenantId, tablePages.pages);
      });
      const cost: FoldCost = {
        readMs: Math.round(read - started),
        queryMs: Math.round(queried - read),
        extraMs: Math.round(extraRead - queried),
        foldMs: Math.round(folded - extraRead),
        commitMs: Math.round(performance.now() - folded),
        partsReadBytes: partsSnapshot.exists ? storageSize(partsSnapshot.data()) : 0,
        shardsRead: changed.size,
        shardsReadBytes: changed.docs.reduce((total, snapshot) => total + storageSize(snapshot.data()), 0),
        partsWrittenBytes: storageSize(fold.parts),
      };
      return { ...fold, documentReads, cost };
    } catch (error) {
      if (!lostPartsRace(error)) throw error;
      if (attempt >= FOLD_ATTEMPTS) return null;
    }
  }
}
