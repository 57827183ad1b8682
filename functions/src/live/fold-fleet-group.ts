import { setTimeout as sleep } from 'node:timers/promises';
import { FieldPath, FieldValue, Timestamp, type DocumentSnapshot } from 'firebase-admin/firestore';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { HttpsError } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import {
  FLEET_LEVEL_MAX,
  FLEET_SHARDS,
  LIVE_SLOT_MS,
  fleetGroupDoc,
  fleetLeafCount,
  groupFoldTask,
  groupPartsDoc,
  paths,
  recentWindows,
  type HostWindow,
  type Resolution,
} from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { commitCounted, countingWrites, writesSoFar } from '../shared/document-writes';
import { stored, storedDigests } from '../ingest/stored-documents';
import { enqueueLiveFold } from './enqueue-live-fold';
import { lostPartsRace } from './parts-race';
import { foldLeaves, wholeWindowsOf, type GroupRead, type LeafRead } from './fold-leaves';
import type { ShardWindow } from './fold-live-overview';

/** Folds racing on one group's parts (a slow fold and the next slot's): the loser reads again. */
const FOLD_ATTEMPTS = 3;

/** The most leaves a group has: those of the highest level. */
const LEAVES_PER_GROUP = fleetLeafCount(FLEET_LEVEL_MAX) / FLEET_SHARDS;

const windowsField = (resolution: Resolution) => new FieldPath('windows', resolution);

/** What a group's fold reads of a leaf (a field mask): its 10 s windows, its hour windows (their metric names) and its digests. */
const LEAF_FIELDS = [windowsField('10s'), windowsField('1h'), 'hosts'] as const;

/** A fleet document's windows of one resolution; windows that fail their contract are logged and read as none. */
function windowsOf(snapshot: DocumentSnapshot, resolution: Resolution): HostWindow[] {
  const windows = recentWindows.valueType.safeParse(snapshot.get(windowsField(resolution)) ?? []);
  if (windows.success) return windows.data;
  logger.warn('fleet document windows fail their contract; folded as none', { path: snapshot.ref.path, resolution });
  return [];
}

function leafReadOf(snapshot: DocumentSnapshot): LeafRead {
  return { leaf: Number(snapshot.id), windows: windowsOf(snapshot, '10s'), hourWindows: windowsOf(snapshot, '1h'), hosts: storedDigests(snapshot) };
}

function groupReadOf(snapshot: DocumentSnapshot): GroupRead | undefined {
  if (!snapshot.exists) return undefined;
  const metricNames = fleetGroupDoc.shape.metricNames.safeParse(snapshot.get('metricNames'));
  return {
    windows: windowsOf(snapshot, '10s'),
    hourWindows: windowsOf(snapshot, '1h'),
    hosts: storedDigests(snapshot),
    metricNames: metricNames.success ? metricNames.data : {},
    foldedFromLeaves: snapshot.get('foldedFromLeaves') === true,
  };
}

/**
 * Folds one group of a tenant's leaves into its fleet shard document once a slot, past fleet level 0
 * (docs/DATA-MODEL.md, "Scale of one tenant"), then asks for the tenant's fold, which reads the
 * shard as it reads a shard of level 0. Like the tenant's fold it waits for its
 * slot's end itself (the tasks emulator dispatches at once).
 */
export const foldFleetGroup = onTaskDispatched({ retryConfig: { maxAttempts: 5, minBackoffSeconds: 1 }, rateLimits: { maxConcurrentDispatches: 100 } }, async (request) => {
  const task = groupFoldTask.safeParse(request.data);
  if (!task.success) {
    logger.error('unreadable group fold task', { taskId: request.id });
    return;
  }
  const { tenantId, group, slotEnd } = task.data;
  const early = slotEnd - Date.now();
  if (early > 0) await sleep(Math.min(early, LIVE_SLOT_MS));
  await countingWrites(async () => {
    const fold = await foldGroup(tenantId, group);
    if (fold === null) {
      logger.info('fleet group fold lost the parts race; the queue retries it', { tenantId, group, slotEnd, attempts: FOLD_ATTEMPTS, ...writesSoFar() });
      throw new HttpsError('unavailable', 'other folds wrote the group parts first; retry');
    }
    logger.info('fleet group folded', { tenantId, group, slotEnd, ...fold, ...writesSoFar() });
    // The tenant's fold of the slot this commit falls in (as a batch asks for it): one of an earlier
    // slot may have read the shards already, when this fold took longer than its slot.
    await enqueueLiveFold(tenantId, Date.now());
  });
});

/**
 * One fold of a group: reads its parts and its shard document, the leaves written since the parts'
 * cutoff (one query), and when the fold calls for it every leaf of the group (one query), then
 * writes the parts and the shard in one batch, on condition that no other fold wrote the parts
 * meanwhile. Null when other folds won FOLD_ATTEMPTS times.
 */
async function foldGroup(tenantId: string, group: number): Promise<{ leavesRead: number; documentReads: number } | null> {
  const partsRef = db.doc(paths.fleetGroupPartsOf(tenantId, group));
  const shardRef = db.doc(paths.fleetShard(tenantId, group));
  const leaves = db.collection(paths.fleetLeaves(tenantId)).where('group', '==', group);
  let documentReads = 0;
  for (let attempt = 1; ; attempt++) {
    const [partsSnapshot, shardSnapshot] = await db.getAll(partsRef, shardRef);
    if (partsSnapshot === undefined || shardSnapshot === undefined) throw new Error('getAll answered fewer documents than asked');
    // Parts that cannot be read (none yet, or another version's) are rebuilt: the cutoff they were written with goes with them.
    const parts = stored(partsSnapshot, groupPartsDoc);
    const storedCutoff: unknown = partsSnapshot.get('cutoff');
    const cutoff = parts !== undefined && storedCutoff instanceof Timestamp ? storedCutoff : Timestamp.fromMillis(0);
    const changed = await leaves.where('updatedAt', '>', cutoff).select(...LEAF_FIELDS).limit(LEAVES_PER_GROUP).get();
    const changedLeaves = changed.docs.map(leafReadOf);
    const shard = groupReadOf(shardSnapshot);
    const whole = wholeWindowsOf(parts, shard, changedLeaves);
    const every = whole.length === 0 ? null : await leaves.select(windowsField('10s')).limit(LEAVES_PER_GROUP).get();
    documentReads += 2 + Math.max(1, changed.size) + (every === null ? 0 : Math.max(1, every.size));
    const everyWindow: ShardWindow[] = (every?.docs ?? []).flatMap((snapshot) => windowsOf(snapshot, '10s').map((window) => ({ ...window, shard: Number(snapshot.id) })));
    const wholeWindows = new Map(whole.map((start) => [start, everyWindow.filter((window) => window.start === start)]));
    const fold = foldLeaves({ parts, group: shard, changedLeaves, wholeWindows, now: Date.now() });
    try {
      await commitCounted((batch) => {
        // Every leaf written before this time was seen by the query: the next fold starts from it.
        const partsData = { ...fold.parts, cutoff: changed.readTime };
        if (!partsSnapshot.exists) batch.create(partsRef, partsData);
        else if (partsSnapshot.updateTime !== undefined) batch.update(partsRef, partsData, { lastUpdateTime: partsSnapshot.updateTime });
        batch.set(shardRef, { shard: group, ...fold.doc, updatedAt: FieldValue.serverTimestamp() });
      });
      return { leavesRead: changed.size + (every?.size ?? 0), documentReads };
    } catch (error) {
      if (!lostPartsRace(error)) throw error;
      if (attempt >= FOLD_ATTEMPTS) return null;
    }
  }
}
