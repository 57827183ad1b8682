import { FieldValue, Timestamp, type DocumentReference, type DocumentSnapshot, type Transaction } from 'firebase-admin/firestore';
import { RESOLUTIONS, alertDoc, paths, windowStart, type IngestResponse } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { enqueueLiveFold } from '../live/enqueue-live-fold';
import type { StoredAlert } from '../alerts/evaluate-alert';
import { grantOf, type PresentedKey } from './authorise-key';
import { replayedAnswer } from './batch-marker';
import { planBatch, type StoredHost, type StoredHostState } from './plan-batch';
import type { Rollup } from './rollup';
import { stored, storedDigests, storedFleetWindow, storedHost, storedHostWindow, storedPolicy } from './stored-documents';
import { INGEST_TRANSACTION_ATTEMPTS, INGEST_TRANSACTION_BUDGET_MS, transactionDeadline } from './transaction-budget';

/** How long a batchId is remembered: longer than any agent's retry horizon. */
export const BATCH_MARKER_KEEP_MS = 48 * 3_600_000;

export interface BatchToApply {
  /** The key the batch came with; it names the tenant, and its lookup is checked before anything is applied. */
  key: PresentedKey;
  batchId: string | undefined;
  rollup: Rollup;
  answer: IngestResponse;
  now: number;
}

interface HostRefs {
  host: DocumentReference;
  /** By the rollup's window key. */
  windows: Map<string, DocumentReference>;
  previousMinute: DocumentReference;
}

/** A window's `expiresAt` as the Timestamp Firestore's TTL policy acts on. */
function withTtl<Doc extends { expiresAt: number }>(doc: Doc) {
  return { ...doc, expiresAt: Timestamp.fromMillis(doc.expiresAt) };
}

/**
 * When a 10 s fleet shard or a digests shard was last written: the commit time, which the live
 * overview's fold queries to read only what changed since its last fold.
 */
function changedNow<Doc>(doc: Doc) {
  return { ...doc, updatedAt: FieldValue.serverTimestamp() };
}

/**
 * Applies one batch in ONE transaction: it reads the key, the idempotency marker, the tenant's
 * alert policy and every document the batch touches, lets planBatch decide every write, and writes
 * them whole. Concurrent batches serialise on the documents they share, so the aggregates stay exact.
 */
export async function applyBatch(batch: BatchToApply): Promise<IngestResponse> {
  const { key, batchId, rollup, answer, now } = batch;
  const withinBudget = transactionDeadline(Date.now(), INGEST_TRANSACTION_BUDGET_MS);
  const { tenantId } = key;
  const markerRef = batchId === undefined ? undefined : db.doc(paths.batch(tenantId, batchId));
  const hostRefs = new Map<string, HostRefs>(
    [...rollup.hosts.values()].map((delta) => [
      delta.host,
      {
        host: db.doc(paths.host(tenantId, delta.host)),
        windows: new Map([...delta.windows].map(([key, w]) => [key, db.doc(paths.window(tenantId, delta.host, w.slot.resolution, w.slot.start))])),
        previousMinute: db.doc(paths.window(tenantId, delta.host, '1m', windowStart(delta.lastSeen, '1m') - RESOLUTIONS['1m'].ms)),
      },
    ]),
  );
  const fleetRefs = new Map([...rollup.fleet].map(([key, f]) => [key, db.doc(paths.fleetWindow(tenantId, f.slot.resolution, f.slot.start, f.shard))]));
  const digestsRef = db.doc(paths.hostDigest(tenantId, rollup.shard));
  const tenantRef = db.doc(paths.tenant(tenantId));

  let wrote = false;
  const applied = await db.runTransaction(
    async (tx) => {
      withinBudget();
      wrote = false;
      const batchRefs = [...[...hostRefs.values()].flatMap((h) => [h.host, h.previousMinute, ...h.windows.values()]), ...fleetRefs.values(), digestsRef];
      // A batch spanning a minute boundary names its previous minute twice; read each document once.
      // The key's lookup was read before the batch was looked at; it is read again here, in the
      // same round trip as the marker, the tenant's alert policy and the batch's documents, so that
      // a revocation or a copy of this batch that committed since is seen, and one that commits
      // later waits for this batch's locks. Nothing is written before the key is checked; and the
      // batch is judged by the thresholds in force when it commits.
      const keyed = [key.lookup, ...(markerRef ? [markerRef] : []), tenantRef, ...batchRefs];
      const refs = [...new Map(keyed.map((ref) => [ref.path, ref])).values()];
      const snapshots = new Map((await tx.getAll(...refs)).map((snapshot) => [snapshot.ref.path, snapshot]));
      const read = (ref: DocumentReference): DocumentSnapshot | undefined => snapshots.get(ref.path);
      grantOf(key, read(key.lookup));
      const replay = replayedAnswer(markerRef === undefined ? undefined : read(markerRef));
      if (replay !== undefined) return replay;

      const hosts = new Map<string, StoredHostState>(
        [...hostRefs].map(([host, refs]) => [
          host,
          {
            doc: storedHost(read(refs.host)),
            windows: new Map([...refs.windows].map(([key, ref]) => [key, storedHostWindow(read(ref))])),
            previousMinute: storedHostWindow(read(refs.previousMinute)),
          },
        ]),
      );
      const plan = planBatch(
        rollup,
        {
          policy: storedPolicy(read(tenantRef)),
          hosts,
          fleet: new Map([...fleetRefs].map(([key, ref]) => [key, storedFleetWindow(read(ref))])),
          digests: storedDigests(read(digestsRef)),
          activeAlerts: await readActiveAlerts(tx, tenantId, [...hosts.values()].map((h) => h.doc)),
        },
        now,
      );

      // Past this point the attempt writes: it does so only inside the budget.
      withinBudget();
      for (const { doc, windows } of plan.hosts) {
        const refs = hostRefs.get(doc.host);
        if (refs === undefined) continue;
        for (const window of windows) {
          const ref = refs.windows.get(window.key);
          if (ref !== undefined) tx.set(ref, withTtl(window.doc));
        }
        tx.set(refs.host, doc);
      }
      for (const window of plan.fleet) {
        const ref = fleetRefs.get(window.key);
        if (ref !== undefined) tx.set(ref, window.doc.resolution === '10s' ? changedNow(withTtl(window.doc)) : withTtl(window.doc));
      }
      tx.set(digestsRef, changedNow(plan.digests));
      for (const [id, doc] of plan.alerts) tx.set(db.doc(paths.alert(tenantId, id)), doc);
      if (markerRef !== undefined) {
        tx.set(markerRef, { answer, appliedAt: now, expiresAt: Timestamp.fromMillis(now + BATCH_MARKER_KEEP_MS) });
      }
      wrote = true;
      return answer;
    },
    // Concurrent batches of one host contend on the same documents; each retry re-reads and re-merges.
    { maxAttempts: INGEST_TRANSACTION_ATTEMPTS },
  );
  // After the commit, so the fold (at the end of the slot this falls in) sees the batch.
  if (wrote) await enqueueLiveFold(tenantId, Date.now());
  return applied;
}

/** The alert documents the hosts point at through activeAlerts, by id. */
async function readActiveAlerts(tx: Transaction, tenantId: string, storedHosts: readonly StoredHost[]): Promise<Map<string, StoredAlert>> {
  const ids = storedHosts.flatMap((host) => Object.values(host.activeAlerts ?? {}));
  if (ids.length === 0) return new Map();
  const snapshots = await tx.getAll(...ids.map((id) => db.doc(paths.alert(tenantId, id))));
  const alerts = new Map<string, StoredAlert>();
  for (const snapshot of snapshots) {
    const doc = stored(snapshot, alertDoc);
    // An alert an operator resolved is no longer active, whatever the pointer still says.
    if (doc !== undefined && doc.state !== 'resolved') alerts.set(snapshot.id, { id: snapshot.id, doc });
  }
  return alerts;
}
