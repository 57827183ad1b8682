import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FieldPath, FieldValue, Timestamp, type DocumentSnapshot } from 'firebase-admin/firestore';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { HttpsError } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import {
  DEFAULT_TENANT_SETTINGS,
  FLEET_SHARDS,
  LIVE_SLOT_MS,
  liveFoldTask,
  liveOverviewPartsHead,
  liveOverviewShares,
  ownValue,
  paths,
  recordOf,
  storageSize,
  tenantDoc,
  type FleetSettings,
  type HostDigestsDoc,
  type LiveSummary,
  type WindowShare,
} from '@pulseboard/contracts';
import { db, queuesHonourSchedules } from '../shared/admin';
import { commitCounted, countingWrites, writesSoFar } from '../shared/document-writes';
import { fleetWindowsField, stored, storedDigests, storedFleetLevel, storedFleetWindows } from '../ingest/stored-documents';
import { foldLeafGroups } from './fold-leaf-groups';
import { enqueueLiveFold, liveFoldTime } from './enqueue-live-fold';
import { lostPartsRace } from './parts-race';
import { changedTablePages, writeTablePages } from './host-table-writes';
import { emptyParts, extraReads, foldLiveOverview, newShares, shardWindowsOf, type Fold, type ShardWindow } from './fold-live-overview';

/** Folds racing on one tenant's parts (a slow fold and the next slot's): the loser reads again. */
const FOLD_ATTEMPTS = 3;

/**
 * Folds a tenant's live overview once a slot (docs/DATA-MODEL.md, "The live overview"): what
 * changed since the last fold, into the summary the overview listens to; past fleet level 0, the
 * changed leaves into their shards first ("Scale of one tenant"). A mid-slot task writes the other
 * summary only. The tasks emulator dispatches at once, ignoring the schedule (the project's preload
 * holds a task until it is due): a fold dispatched early waits for its time itself, so every batch
 * before it is in it.
 */
export const foldLiveSummary = onTaskDispatched({ retryConfig: { maxAttempts: 5, minBackoffSeconds: 1 }, rateLimits: { maxConcurrentDispatches: 100 } }, async (request) => {
  const task = liveFoldTask.safeParse(request.data);
  if (!task.success) {
    logger.error('unreadable live fold task', { taskId: request.id });
    return;
  }
  const { tenantId, slotEnd, summary } = task.data;
  // Only the tasks emulator dispatches early, and there only batches ask for folds (a slot ahead at most).
  const early = liveFoldTime(task.data) - Date.now();
  if (early > 0) await sleep(Math.min(early, LIVE_SLOT_MS));
  await countingWrites(async () => {
    const tenant = await db.doc(paths.tenant(tenantId)).get();
    if (summary === 'midSlot') return foldMidSlot(tenantId, slotEnd, tenant);
    // Past fleet level 0 the shards are folded from their leaves first, in the same slot.
    const leafFold = storedFleetLevel(tenant) === 0 ? undefined : await foldLeafGroups(tenantId);
    if (leafFold === null) {
      logger.info('fleet leaves fold lost the race; the queue retries it', { tenantId, slotEnd, attempts: FOLD_ATTEMPTS, ...writesSoFar() });
      throw new HttpsError('unavailable', 'other folds wrote the leaves\' cutoff first; retry');
    }
    const fold = await foldTenant(tenantId, tenant, 'slotEnd');
    if (fold === null) {
      // Other folds kept writing the parts first: expected under load. This slot's batches may have
      // committed after the winners read the shards, so its fold must still run: the queue retries it
      // (an HttpsError is answered with its status, 503, and not logged by the framework as unhandled).
      logger.info('live overview fold lost the parts race; the queue retries it', { tenantId, slotEnd, attempts: FOLD_ATTEMPTS, ...writesSoFar() });
      throw new HttpsError('unavailable', 'other folds wrote the parts first; retry');
    }
    logger.info('live overview folded', {
      tenantId,
      slotEnd,
      summary,
      ...foldedFields(fold, leafFold?.documentReads ?? 0),
      ...(leafFold === undefined ? {} : { groupsFolded: leafFold.groupsFolded, leavesRead: leafFold.leavesRead }),
      ...writesSoFar(),
    });
    // A fold asked for the slot a host turns stale in shares that slot's task id with the slot's
    // batches. The tasks emulator would run it at once, before the slot, and its batches' requests
    // would be refused as already enqueued: no fold for them. So there the transition waits for a batch.
    if (fold.nextFoldAt !== null && queuesHonourSchedules) await enqueueLiveFold(tenantId, fold.nextFoldAt);
  });
});

/**
 * The mid-slot summary: the fold half a slot before the slot's end, writing the summary only
 * (`live/overviewMidSlot`); the parts, the hosts table's pages and a stale transition's fold are the
 * slot's end's. Past fleet level 0 the shards change only when the slot's end folds their leaves, so
 * there is nothing newer to show: the tenant's read is all it costs. A fold that loses the parts'
 * race to the slot's end FOLD_ATTEMPTS times writes nothing: that fold shows the same batches.
 */
async function foldMidSlot(tenantId: string, slotEnd: number, tenant: DocumentSnapshot): Promise<void> {
  if (storedFleetLevel(tenant) !== 0) {
    logger.info('live overview mid-slot fold skipped past fleet level 0', { tenantId, slotEnd, summary: 'midSlot', documentReads: 1, ...writesSoFar() });
    return;
  }
  const fold = await foldTenant(tenantId, tenant, 'midSlot');
  if (fold === null) {
    logger.info('live overview mid-slot fold lost the parts race; the slot\'s end shows its batches', { tenantId, slotEnd, summary: 'midSlot', ...writesSoFar() });
    return;
  }
  logger.info('live overview folded', { tenantId, slotEnd, summary: 'midSlot', ...foldedFields(fold, 0), ...writesSoFar() });
}

/** A fold as its `live overview folded` line gives it (bench:cost sums `documentReads`), with reads of other steps of its task. */
function foldedFields(fold: TenantFold, otherReads: number) {
  return { hosts: fold.summary.hostCount, windows: fold.summary.windows.length, documentReads: fold.documentReads + otherReads, ...fold.cost };
}

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

/**
 * What the fold reads of a fleet shard document (a field mask): its 10 s windows and its digests,
 * not its 1 m and 1 h windows (a third to a half of the document), which the overview never shows.
 */
const SHARD_FIELDS = [fleetWindowsField('10s'), 'hosts'] as const;

/** What a mid-slot fold reads and writes of the hosts table: nothing (its pages are the slot's end's). */
const NO_TABLE_PAGES: Awaited<ReturnType<typeof changedTablePages>> = { pages: [], documentReads: 0 };

/** The 10 s windows of fleet shard documents; a shard whose windows fail their contract is logged and counts none. */
function windowsOf(snapshots: readonly DocumentSnapshot[]): ShardWindow[] {
  return snapshots.flatMap((snapshot) => shardWindowsOf(Number(snapshot.id), storedFleetWindows(snapshot, '10s')));
}

/** The parts' fields a fold reads first: all but the shares (most of the document), and the cutoff. */
const PARTS_HEAD_FIELDS = [...Object.keys(liveOverviewPartsHead.shape), 'cutoff'];

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
  sharesWritten: number;
  partsWrittenBytes: number;
}

/** One fold's outcome, what Firestore billed it for reading (every attempt), and its cost by phase. */
type TenantFold = Fold & { documentReads: number; cost: FoldCost };

/**
 * The parts' fields a fold writes: the head whole, and of the shares only the windows that
 * changed (a field path a share, so the write carries what changed, not the 30 windows kept).
 * Parts written whole (new, or rebuilt) get every kept share.
 */
function partsWrites(fold: Fold, storedSettings: string | undefined, cutoff: Timestamp): [FieldPath, unknown][] {
  const { settings, shards, fingerprints, windows } = fold.parts;
  const whole = storedSettings === undefined;
  const writes: [FieldPath, unknown][] = [[new FieldPath('settings'), settings], [new FieldPath('windows'), windows], [new FieldPath('cutoff'), cutoff]];
  if (whole || storedSettings !== settings) writes.push([new FieldPath('shards'), shards]);
  else for (const shard of fold.judged) writes.push([new FieldPath('shards', shard), ownValue(shards, shard)]);
  if (whole) {
    writes.push([new FieldPath('fingerprints'), fingerprints]);
    writes.push([new FieldPath('openWindows'), recordOf([...fold.shares].map(([start, shares]) => [String(start), recordOf(shares)]))]);
    return writes;
  }
  for (const start of fold.dropped) writes.push([new FieldPath('fingerprints', String(start)), FieldValue.delete()], [new FieldPath('openWindows', String(start)), FieldValue.delete()]);
  for (const [start, shares] of fold.shares) {
    for (const [shard, share] of shares) {
      writes.push([new FieldPath('openWindows', String(start), shard), share]);
      writes.push([new FieldPath('fingerprints', String(start), shard), ownValue(ownValue(fingerprints, String(start)), shard)]);
    }
  }
  return writes;
}

/**
 * One fold: reads the parts' head and the tenant, the fleet shard documents written since the
 * parts' cutoff (one query), the extra reads the parts call for (the kept shares of the windows
 * that changed among them), and writes what changed of the parts, the hosts table's pages and the
 * summary in one batch, on condition that no other fold wrote the parts meanwhile. Null when other
 * folds won FOLD_ATTEMPTS times. The mid-slot summary's fold reads the same and writes its summary
 * only: the parts it read stay as they were, so it races no one but must read a consistent version.
 */
async function foldTenant(tenantId: string, firstTenantRead: DocumentSnapshot, summary: LiveSummary): Promise<TenantFold | null> {
  const partsRef = db.doc(paths.liveOverviewParts(tenantId));
  // What Firestore bills the fold for reading, every attempt included (a query one a document, at least one): bench:cost counts it.
  let documentReads = 0;
  // Kept shares that fail their contract: the parts are rebuilt from every shard, as unreadable parts are.
  let rebuild = false;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    // The tenant as the task read it first; an attempt after a lost race reads it again.
    const [[partsSnapshot], tenantSnapshot] = await Promise.all([db.getAll(partsRef, { fieldMask: PARTS_HEAD_FIELDS }), attempt === 1 ? firstTenantRead : db.doc(paths.tenant(tenantId)).get()]);
    if (partsSnapshot === undefined) throw new Error('getAll answered fewer documents than asked');
    const read = performance.now();
    const settings = settingsOf(tenantSnapshot);
    const settingsKey = settingsKeyOf(settings);
    const readable = rebuild ? undefined : stored(partsSnapshot, liveOverviewPartsHead);
    const parts = readable ?? emptyParts(settingsKey);
    const storedCutoff: unknown = partsSnapshot.get('cutoff');
    // Parts that cannot be read (none yet, or another version's) are rebuilt from every shard: the
    // cutoff they were written with says what they held, so it goes with them.
    const cutoff = readable !== undefined && storedCutoff instanceof Timestamp ? storedCutoff : Timestamp.fromMillis(0);
    const now = Date.now();
    // The shard documents hold the windows and the digests: one query of what changed, both ways (the
    // shards' fields are exempt from indexing, `updatedAt` keeps its index).
    const changed = await db.collection(paths.fleetShards(tenantId)).where('updatedAt', '>', cutoff).select(...SHARD_FIELDS).limit(FLEET_SHARDS).get();
    const queried = performance.now();
    documentReads += 2 + Math.max(1, changed.size);
    const changedShares = newShares(parts.fingerprints, windowsOf(changed.docs));
    const changedDigests = digestsOf(changed.docs);
    const extra = extraReads(parts, settingsKey, changedShares, new Set(changedDigests.map((digest) => digest.shard)), now);
    const [everyShard, dueDigests, tablePages, sharesSnapshot] = await Promise.all([
      // Late data in a window on the sparkline whose shares are not kept: every shard's share of it.
      extra.wholeWindows.length === 0 ? null : db.collection(paths.fleetShards(tenantId)).select(...SHARD_FIELDS).limit(FLEET_SHARDS).get(),
      extra.dueShards.length === 0 ? [] : db.getAll(...extra.dueShards.map((shard) => db.doc(paths.fleetShard(tenantId, shard))), { fieldMask: ['hosts'] }),
      // The hosts table's pages of the changed shards' hosts, committed with the parts below.
      summary === 'slotEnd' ? changedTablePages(tenantId, changedDigests) : NO_TABLE_PAGES,
      extra.keptWindows.length === 0 ? null : db.getAll(partsRef, { fieldMask: extra.keptWindows.map((start) => new FieldPath('openWindows', String(start))) }).then(([snapshot]) => snapshot),
    ]);
    const extraRead = performance.now();
    documentReads += (everyShard === null ? 0 : Math.max(1, everyShard.size)) + dueDigests.length + tablePages.documentReads + (sharesSnapshot === null ? 0 : 1);
    // The shares must be those of the head read above: a fold that wrote the parts in between won the race.
    if (sharesSnapshot !== null && !(sharesSnapshot?.updateTime !== undefined && partsSnapshot.updateTime?.isEqual(sharesSnapshot.updateTime) === true)) {
      if (attempt >= FOLD_ATTEMPTS) return null;
      continue;
    }
    const keptShares = sharesSnapshot === null ? new Map() : keptSharesOf(sharesSnapshot, extra.keptWindows);
    if (keptShares === undefined) {
      logger.warn('live overview parts\' shares fail their contract; rebuilt from every shard', { path: partsRef.path });
      rebuild = true;
      if (attempt >= FOLD_ATTEMPTS) return null;
      continue;
    }
    const everyWindow = everyShard === null ? [] : windowsOf(everyShard.docs);
    const fold = foldLiveOverview({
      parts,
      keptShares,
      settingsKey,
      settings,
      changedShares,
      wholeWindows: new Map(extra.wholeWindows.map((start) => [start, everyWindow.filter((window) => window.start === start)])),
      digests: [...changedDigests, ...digestsOf(dueDigests)],
      now,
    });
    // Every write committed before this time was seen by the query: the next fold starts from it.
    const writes = partsWrites(fold, readable?.settings, changed.readTime);
    const folded = performance.now();
    try {
      // A mid-slot fold that found nothing since the slot's end fold's cutoff would write that summary again.
      const nothingNew = summary === 'midSlot' && changed.empty && extra.dueShards.length === 0;
      if (!nothingNew) {
        await commitCounted((batch) => {
          batch.set(db.doc(paths.liveOverview(tenantId, summary)), fold.summary);
          if (summary === 'midSlot') return;
          if (!partsSnapshot.exists) batch.create(partsRef, Object.fromEntries(writes.map(([field, value]) => [field.toString(), value])));
          else if (partsSnapshot.updateTime !== undefined) batch.update(partsRef, ...updateArguments(writes), { lastUpdateTime: partsSnapshot.updateTime });
          writeTablePages(batch, tenantId, tablePages.pages);
        });
      }
      const cost: FoldCost = {
        readMs: Math.round(read - started),
        queryMs: Math.round(queried - read),
        extraMs: Math.round(extraRead - queried),
        foldMs: Math.round(folded - extraRead),
        commitMs: Math.round(performance.now() - folded),
        partsReadBytes: (partsSnapshot.exists ? storageSize(partsSnapshot.data()) : 0) + (sharesSnapshot?.exists === true ? storageSize(sharesSnapshot.data()) : 0),
        shardsRead: changed.size,
        shardsReadBytes: changed.docs.reduce((total, snapshot) => total + storageSize(snapshot.data()), 0),
        sharesWritten: summary === 'midSlot' ? 0 : [...fold.shares.values()].reduce((total, shares) => total + shares.size, 0),
        // A deleted field costs its name only; a mid-slot fold writes no parts.
        partsWrittenBytes: summary === 'midSlot' ? 0 : storageSize(Object.fromEntries(writes.map(([field, value]) => [field.toString(), value instanceof FieldValue ? null : value]))),
      };
      return { ...fold, documentReads, cost };
    } catch (error) {
      if (!lostPartsRace(error)) throw error;
      if (attempt >= FOLD_ATTEMPTS) return null;
    }
  }
}

/** The kept shares of these windows, as read from the parts; undefined when they fail their contract or one is missing. */
function keptSharesOf(snapshot: DocumentSnapshot | undefined, starts: readonly number[]): Map<number, Record<string, WindowShare>> | undefined {
  const shares = liveOverviewShares.safeParse(snapshot?.get('openWindows') ?? {});
  if (!shares.success) return undefined;
  const kept = new Map<number, Record<string, WindowShare>>();
  for (const start of starts) {
    const windowShares = ownValue(shares.data, String(start));
    if (windowShares === undefined) return undefined;
    kept.set(start, windowShares);
  }
  return kept;
}

/** A field-path update's arguments: field, value, field, value, ... */
function updateArguments(writes: readonly [FieldPath, unknown][]): [FieldPath, unknown, ...unknown[]] {
  const [first, ...rest] = writes;
  if (first === undefined) throw new Error('a fold writes the parts\' head at least');
  return [first[0], first[1], ...rest.flat()];
}
