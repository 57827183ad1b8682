import { FieldValue, Timestamp, type DocumentSnapshot } from 'firebase-admin/firestore';
import { FLEET_LEVEL_MAX, FLEET_SHARDS, fleetGroupDoc, fleetLeafCount, groupPartsDoc, paths } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { commitCounted } from '../shared/document-writes';
import { fleetWindowsField, stored, storedDigests, storedFleetWindows } from '../ingest/stored-documents';
import { lostPartsRace } from './parts-race';
import { groupOfLeaf } from '../ingest/fleet-level';
import { foldLeaves, wholeWindowsOf, type GroupRead, type LeafRead } from './fold-leaves';
import type { ShardWindow } from './fold-live-overview';

/** Folds racing on the leaves' cutoff (a slow fold and the next slot's): the loser reads again. */
const FOLD_ATTEMPTS = 3;

/** The most leaves a group has: those of the highest level. */
const LEAVES_PER_GROUP = fleetLeafCount(FLEET_LEVEL_MAX) / FLEET_SHARDS;

/** What the fold reads of a leaf (a field mask): its 10 s windows, its hour windows (their metric names) and its digests. */
const LEAF_FIELDS = [fleetWindowsField('10s'), fleetWindowsField('1h'), 'hosts'] as const;

function leafReadOf(snapshot: DocumentSnapshot): LeafRead {
  return { leaf: Number(snapshot.id), windows: storedFleetWindows(snapshot, '10s'), hourWindows: storedFleetWindows(snapshot, '1h'), hosts: storedDigests(snapshot) };
}

function groupReadOf(snapshot: DocumentSnapshot): GroupRead | undefined {
  if (!snapshot.exists) return undefined;
  const metricNames = fleetGroupDoc.shape.metricNames.safeParse(snapshot.get('metricNames'));
  return {
    windows: storedFleetWindows(snapshot, '10s'),
    hourWindows: storedFleetWindows(snapshot, '1h'),
    hosts: storedDigests(snapshot),
    metricNames: metricNames.success ? metricNames.data : {},
    foldedFromLeaves: snapshot.get('foldedFromLeaves') === true,
  };
}

/** Groups a query of the leaves names at most: Firestore's `in` takes 30 values. */
const GROUPS_PER_QUERY = 30;

/** The groups 0..FLEET_SHARDS-1 in runs of GROUPS_PER_QUERY: the changed leaves are three queries. */
const GROUP_RUNS = Array.from({ length: Math.ceil(FLEET_SHARDS / GROUPS_PER_QUERY) }, (_, run) =>
  Array.from({ length: Math.min(GROUPS_PER_QUERY, FLEET_SHARDS - run * GROUPS_PER_QUERY) }, (_, i) => run * GROUPS_PER_QUERY + i),
);

export interface LeafFold {
  groupsFolded: number;
  leavesRead: number;
  documentReads: number;
}

/**
 * Past fleet level 0, the first step of the tenant's fold (docs/DATA-MODEL.md, "Scale of one
 * tenant"): the leaves written since the last such step (three queries by group and `updatedAt`,
 * whose index spreads over the groups), folded into their shards, so that the tenant's fold then
 * reads each changed shard as it reads a shard of level 0, in the same slot. Per group with a
 * changed leaf: its parts and its shard are read and written, and every leaf of the group is read
 * when late data or lost parts call for it (one query). One batch writes them all with the new
 * cutoff, on condition that no other fold wrote the cutoff meanwhile (a slower fold of an earlier
 * slot loses and reads again). Null when other folds won FOLD_ATTEMPTS times.
 */
export async function foldLeafGroups(tenantId: string): Promise<LeafFold | null> {
  const stateRef = db.doc(paths.leafFoldState(tenantId));
  const leaves = db.collection(paths.fleetLeaves(tenantId));
  let documentReads = 0;
  for (let attempt = 1; ; attempt++) {
    const stateSnapshot = await stateRef.get();
    const storedCutoff: unknown = stateSnapshot.get('cutoff');
    const cutoff = storedCutoff instanceof Timestamp ? storedCutoff : Timestamp.fromMillis(0);
    // No limit: a query names at most 30 groups of at most LEAVES_PER_GROUP leaves each, and a limit
    // would move the cutoff past leaves it left unread.
    const changed = await Promise.all(GROUP_RUNS.map((groups) => leaves.where('group', 'in', groups).where('updatedAt', '>', cutoff).select(...LEAF_FIELDS).get()));
    documentReads += 1 + changed.reduce((total, snapshot) => total + Math.max(1, snapshot.size), 0);
    // Every leaf written before the earliest of the three read times was seen: the next step starts from it.
    const readTime = changed.map((snapshot) => snapshot.readTime).reduce((earliest, time) => (time.toMillis() < earliest.toMillis() ? time : earliest));
    const byGroup = new Map<number, LeafRead[]>();
    for (const snapshot of changed.flatMap((query) => query.docs)) {
      // A leaf's group is its number's (its id, which ingest names it by), whatever its fields say.
      const leaf = Number(snapshot.id);
      if (!Number.isSafeInteger(leaf) || leaf < 0) continue;
      const group = groupOfLeaf(leaf);
      const read = byGroup.get(group) ?? [];
      read.push(leafReadOf(snapshot));
      byGroup.set(group, read);
    }
    if (byGroup.size === 0) return { groupsFolded: 0, leavesRead: 0, documentReads };
    const groups = [...byGroup.keys()];
    const refs = groups.flatMap((group) => [db.doc(paths.fleetGroupPartsOf(tenantId, group)), db.doc(paths.fleetShard(tenantId, group))]);
    const snapshots = new Map((await db.getAll(...refs)).map((snapshot) => [snapshot.ref.path, snapshot]));
    documentReads += refs.length;
    let leavesRead = changed.reduce((total, snapshot) => total + snapshot.size, 0);
    const folds = await Promise.all(
      groups.map(async (group) => {
        const partsSnapshot = snapshots.get(paths.fleetGroupPartsOf(tenantId, group));
        const shardSnapshot = snapshots.get(paths.fleetShard(tenantId, group));
        // Parts that cannot be read (none yet, or another version's) are rebuilt from every leaf of the group.
        const parts = stored(partsSnapshot, groupPartsDoc);
        const shard = shardSnapshot === undefined ? undefined : groupReadOf(shardSnapshot);
        const changedLeaves = byGroup.get(group) ?? [];
        const whole = wholeWindowsOf(parts, shard, changedLeaves);
        const every = whole.length === 0 ? null : await leaves.where('group', '==', group).select(fleetWindowsField('10s')).limit(LEAVES_PER_GROUP).get();
        documentReads += every === null ? 0 : Math.max(1, every.size);
        leavesRead += every?.size ?? 0;
        const everyWindow: ShardWindow[] = (every?.docs ?? []).flatMap((snapshot) => storedFleetWindows(snapshot, '10s').map((window) => ({ ...window, shard: Number(snapshot.id) })));
        const wholeWindows = new Map(whole.map((start) => [start, everyWindow.filter((window) => window.start === start)]));
        return { group, fold: foldLeaves({ parts, group: shard, changedLeaves, wholeWindows, now: Date.now() }) };
      }),
    );
    try {
      await commitCounted((batch) => {
        for (const { group, fold } of folds) {
          batch.set(db.doc(paths.fleetGroupPartsOf(tenantId, group)), fold.parts);
          batch.set(db.doc(paths.fleetShard(tenantId, group)), { shard: group, ...fold.doc, updatedAt: FieldValue.serverTimestamp() });
        }
        if (!stateSnapshot.exists) batch.create(stateRef, { cutoff: readTime });
        else if (stateSnapshot.updateTime !== undefined) batch.update(stateRef, { cutoff: readTime }, { lastUpdateTime: stateSnapshot.updateTime });
      });
      return { groupsFolded: folds.length, leavesRead, documentReads };
    } catch (error) {
      if (!lostPartsRace(error)) throw error;
      if (attempt >= FOLD_ATTEMPTS) return null;
    }
  }
}
