import { FieldValue, Timestamp, type DocumentReference, type DocumentSnapshot, type Transaction } from 'firebase-admin/firestore';
import { alertDoc, hostsUnderMaintenance, paths, type FleetChunkDoc, type IngestResponse } from '@pulseboard/contracts';
import { logger } from 'firebase-functions';
import { db } from '../shared/admin';
import { countedTransaction, countReads } from '../shared/document-writes';
import { CONTENTION_RETRY_AFTER_SECONDS, DomainError } from '../shared/errors';
import type { StoredAlert } from '../alerts/evaluate-alert';
import { grantOf, type PresentedKey } from './authorise-key';
import { appliedAtOf } from './applied-batches';
import { planBatch, type StoredHost } from './plan-batch';
import type { Rollup } from './rollup';
import { hostToStore, stored, storedFleetLevel, storedHost, storedPolicy, storedShard } from './stored-documents';
import { fleetTargetOf, type FleetTarget } from './fleet-level';
import { enqueueLiveFold, LiveFoldNotEnqueued } from '../live/enqueue-live-fold';
import { INGEST_TRANSACTION_ATTEMPTS, INGEST_TRANSACTION_BUDGET_MS, transactionDeadline } from './transaction-budget';

export interface BatchToApply {
  /** The key the batch came with; it names the tenant, and its lookup is checked before anything is applied. */
  key: PresentedKey;
  /** For a batch with an id: its answer had it been applied at `appliedAt`, what a replay answers. */
  replay: { batchId: string; answerAt: (appliedAt: number) => IngestResponse } | undefined;
  rollup: Rollup;
  answer: IngestResponse;
  now: number;
}

/** A chunk's `expiresAt` as the Timestamp Firestore's TTL policy acts on. */
function withTtl<Doc extends { expiresAt: number }>(doc: Doc) {
  return { ...doc, expiresAt: Timestamp.fromMillis(doc.expiresAt) };
}

/**
 * When a fleet shard was last written: the commit time, which the live overview's fold queries to
 * read only what changed since its last fold.
 */
function changedNow<Doc>(doc: Doc) {
  return { ...doc, updatedAt: FieldValue.serverTimestamp() };
}

/** The fleet level each tenant's batches last read here: a batch's fleet document is read with the others (0 unseen). */
const levelsSeen = new Map<string, number>();
/** The most tenants the memo above keeps; past it, it starts over (a wrong guess costs one more read). */
const LEVELS_SEEN_KEPT = 1_000;

function rememberLevel(tenantId: string, level: number): void {
  if (levelsSeen.get(tenantId) === level) return;
  if (levelsSeen.size >= LEVELS_SEEN_KEPT) levelsSeen.clear();
  levelsSeen.set(tenantId, level);
}

function fleetRefOf(tenantId: string, { level, leaf }: FleetTarget): DocumentReference {
  return db.doc(level === 0 ? paths.fleetShard(tenantId, leaf) : paths.fleetLeaf(tenantId, leaf));
}

function fleetChunkPath(tenantId: string, { level }: FleetTarget, chunk: FleetChunkDoc): string {
  return level === 0 ? paths.fleetChunk(tenantId, chunk.shard, chunk.resolution, chunk.start) : paths.fleetLeafChunk(tenantId, chunk.shard, chunk.resolution, chunk.start);
}

/**
 * Applies one batch in ONE transaction: it reads the key, the tenant's alert policy and every
 * document the batch adds to (its hosts' documents hold their recent windows and the batches they
 * were written by, the idempotency marker; its fleet shard's document holds the shard's recent
 * windows and host digests), lets planBatch decide every write, and writes them whole (with the
 * chunks of windows that closed). Concurrent batches serialise on the documents they share, so the
 * aggregates stay exact. A stored batch (applied now, or a replay) asks for the live overview's fold after its commit.
 */
export async function applyBatch(batch: BatchToApply): Promise<IngestResponse> {
  const { key, replay, rollup, answer, now } = batch;
  const withinBudget = transactionDeadline(Date.now(), INGEST_TRANSACTION_BUDGET_MS);
  const { tenantId } = key;
  const hostRefs = new Map([...rollup.hosts.keys()].map((host) => [host, db.doc(paths.host(tenantId, host))]));
  const tenantRef = db.doc(paths.tenant(tenantId));

  const outcome = await countedTransaction(
    async (tx): Promise<{ answer: IngestResponse; underMaintenance?: ReadonlyMap<string, string> }> => {
      withinBudget();
      // The key's lookup was read before the batch was looked at; it is read again here, in the
      // same round trip as the tenant's alert policy and the batch's documents, so that a
      // revocation or a copy of this batch that committed since is seen, and one that commits
      // later waits for this batch's locks. Nothing is written before the key is checked; and the
      // batch is judged by the thresholds in force when it commits. The batch's fleet document is
      // read with them at the fleet level this instance saw last; when the tenant says another,
      // that level's document is read too (once per instance and raise).
      const guessed = fleetTargetOf(rollup.firstHost, levelsSeen.get(tenantId) ?? 0);
      const refs = [key.lookup, tenantRef, ...hostRefs.values(), fleetRefOf(tenantId, guessed)];
      const snapshots = new Map((await tx.getAll(...refs)).map((snapshot) => [snapshot.ref.path, snapshot]));
      countReads(refs.length);
      const read = (ref: DocumentReference): DocumentSnapshot | undefined => snapshots.get(ref.path);
      grantOf(key, read(key.lookup));
      const hosts = new Map([...hostRefs].map(([host, ref]) => [host, storedHost(read(ref))]));
      const fleetTarget = fleetTargetOf(rollup.firstHost, storedFleetLevel(read(tenantRef)));
      rememberLevel(tenantId, fleetTarget.level);
      // Every host a batch wrote remembers it, and a copy names at least one of them: that copy is a replay.
      const appliedAt = appliedAtOf(hosts.values(), replay?.batchId);
      if (replay !== undefined && appliedAt !== undefined) return { answer: replay.answerAt(appliedAt) };

      const policy = storedPolicy(read(tenantRef));
      const fleetRef = fleetRefOf(tenantId, fleetTarget);
      if (fleetTarget.level !== guessed.level) {
        snapshots.set(fleetRef.path, await tx.get(fleetRef));
        countReads(1);
      }
      const underMaintenance = hostsUnderMaintenance(policy.maintenance, rollup.hosts.keys(), now);
      const plan = planBatch(
        rollup,
        {
          policy,
          underMaintenance,
          hosts,
          fleetTarget,
          fleet: storedShard(read(fleetRef)),
          activeAlerts: await readActiveAlerts(tx, tenantId, [...hosts.values()]),
        },
        now,
        replay?.batchId,
      );

      // Past this point the attempt writes: it does so only inside the budget.
      withinBudget();
      for (const { doc, chunks } of plan.hosts) {
        for (const chunk of chunks) tx.set(db.doc(paths.windowChunk(tenantId, doc.host, chunk.resolution, chunk.start)), withTtl(chunk));
        tx.set(db.doc(paths.host(tenantId, doc.host)), hostToStore(doc));
      }
      for (const chunk of plan.fleet.chunks) tx.set(db.doc(fleetChunkPath(tenantId, fleetTarget, chunk)), withTtl(chunk));
      tx.set(fleetRef, changedNow(plan.fleet.doc));
      // Every batch read the tenant: those that committed before this one are at the old level, those after at the new.
      if (plan.fleet.raiseLevelTo !== undefined && read(tenantRef)?.exists === true) tx.update(tenantRef, { fleetLevel: plan.fleet.raiseLevelTo });
      for (const [id, doc] of plan.alerts) tx.set(db.doc(paths.alert(tenantId, id)), doc);
      return { answer, underMaintenance };
    },
    // Concurrent batches of one host contend on the same documents; each retry re-reads and re-merges.
    { maxAttempts: INGEST_TRANSACTION_ATTEMPTS },
  );
  // After the commit, so the fold (at the end of the slot this falls in) sees the batch. A replay
  // asks too: its original may have been answered 503 because its fold could not be enqueued.
  await askForFold(tenantId, replay !== undefined);
  if (outcome.underMaintenance !== undefined && outcome.underMaintenance.size > 0) {
    // What maintenance held back: these hosts opened no new alert in this batch.
    logger.info('batch hosts under maintenance: no new alert opens', { tenantId, suppressedBy: Object.fromEntries(outcome.underMaintenance) });
  }
  return outcome.answer;
}

/**
 * Enqueues the fold of a stored batch. When the queue keeps failing, a batch with an id is
 * answered 503 + Retry-After: the agent's retry is a replay (exactly-once), which asks again, so
 * the batch cannot stay unfolded through a quiet period. A batch without one is answered as
 * applied (a retry would apply it twice) and the failure logged; the tenant's next batch asks again.
 */
async function askForFold(tenantId: string, retryable: boolean): Promise<void> {
  try {
    await enqueueLiveFold(tenantId, Date.now());
  } catch (error) {
    if (!(error instanceof LiveFoldNotEnqueued)) throw error;
    if (retryable) {
      throw new DomainError(
        'unavailable',
        'The batch is stored, but the live overview could not be asked to show it. Send the same request again: its batchId makes it a duplicate that asks again.',
        CONTENTION_RETRY_AFTER_SECONDS,
      );
    }
    logger.error('live overview fold not enqueued for a batch without a batchId', { tenantId, error: error.message });
  }
}

/** The alert documents the hosts point at through activeAlerts, by id. */
async function readActiveAlerts(tx: Transaction, tenantId: string, storedHosts: readonly StoredHost[]): Promise<Map<string, StoredAlert>> {
  const ids = storedHosts.flatMap((host) => Object.values(host.activeAlerts ?? {}));
  if (ids.length === 0) return new Map();
  const snapshots = await tx.getAll(...ids.map((id) => db.doc(paths.alert(tenantId, id))));
  countReads(ids.length);
  const alerts = new Map<string, StoredAlert>();
  for (const snapshot of snapshots) {
    const doc = stored(snapshot, alertDoc);
    // An alert an operator resolved is no longer active, whatever the pointer still says.
    if (doc !== undefined && doc.state !== 'resolved') alerts.set(snapshot.id, { id: snapshot.id, doc });
  }
  return alerts;
}
