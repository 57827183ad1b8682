import { Timestamp, type DocumentReference, type DocumentSnapshot, type Transaction } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import {
  DEFAULT_THRESHOLDS,
  ERROR_RATE_METRIC,
  METRICS_KEPT_PER_FLEET_WINDOW,
  METRICS_KEPT_PER_HOST,
  NO_DATA_METRIC,
  RESOLUTIONS,
  alertDoc,
  emptyRecord,
  errorsPerMinute,
  fleetWindowDoc,
  hostDigest,
  hostDoc,
  ownValue,
  paths,
  readableFields,
  recordOf,
  tenantDoc,
  windowDoc,
  windowStart,
  type HostDigest,
  type DocumentContract,
  type HostDoc,
  type IngestResponse,
  type LatestSample,
  type TenantDoc,
} from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { resolveNoData } from '../alerts/decide-silent-host';
import { evaluateAlert, type MetricSample, type StoredAlert } from '../alerts/evaluate-alert';
import { grantOf, type PresentedKey } from './authorise-key';
import { replayedAnswer } from './batch-marker';
import { hostDigestOf, mergeHostDigests } from './host-digests';
import { isNewestOfHost, samplesDrivingAlerts } from './late-data';
import { newestEntries } from './newest-entries';
import { emptyContent, mergeWindowContent, newestErrors, type HostDelta, type Rollup, type WindowContent, type WindowDelta } from './rollup';
import { INGEST_TRANSACTION_ATTEMPTS, INGEST_TRANSACTION_BUDGET_MS, transactionDeadline } from './transaction-budget';

/** How long a batchId is remembered: longer than any agent's retry horizon. */
export const BATCH_MARKER_KEEP_MS = 48 * 3_600_000;

type AlertPolicy = Pick<TenantDoc, 'thresholds' | 'sustainSeconds'>;

export interface BatchToApply {
  /** The key the batch came with; it names the tenant, and its lookup is checked before anything is applied. */
  key: PresentedKey;
  batchId: string | undefined;
  rollup: Rollup;
  answer: IngestResponse;
  now: number;
}

type StoredHost = Partial<HostDoc>;

/** A tenant whose settings are missing or unreadable alerts on the default levels, with no sustain period. */
const DEFAULT_POLICY: AlertPolicy = { thresholds: DEFAULT_THRESHOLDS, sustainSeconds: 0 };

function alertPolicy(snapshot: DocumentSnapshot | undefined): AlertPolicy {
  const tenant = tenantDoc.safeParse(snapshot?.data());
  return tenant.success ? tenant.data : DEFAULT_POLICY;
}

/**
 * Reads a document that may not exist yet through its contract. One that fails it (written by an
 * older version, or by hand) is logged and read as missing, so it costs its own aggregates and
 * never a 500 for every batch that shares it: the whole-document write that follows repairs it.
 */
function stored<T>(snapshot: DocumentSnapshot | undefined, contract: DocumentContract<T>): T | undefined {
  if (!snapshot?.exists) return undefined;
  const parsed = contract.safeParse(snapshot.data());
  if (parsed.success) return parsed.data;
  logger.warn('stored document fails its contract; read as missing and rewritten', { path: snapshot.ref.path, issues: parsed.error.message });
  return undefined;
}

/** A host document as far as it can be read: an unreadable field is logged and rebuilt by the whole-document write. */
function storedHost(snapshot: DocumentSnapshot | undefined): StoredHost {
  if (!snapshot?.exists) return {};
  const { readable, unreadable } = readableFields(hostDoc, snapshot.data());
  if (unreadable.length > 0) logger.warn('stored host fields fail their contract; rebuilt', { path: snapshot.ref.path, unreadable });
  return readable;
}

/** A shard's stored digests, each kept if it passes its contract on its own: one bad host never costs the others theirs. */
function storedDigests(snapshot: DocumentSnapshot | undefined): Record<string, HostDigest> {
  const raw: unknown = snapshot?.exists ? snapshot.get('hosts') : undefined;
  const digests = emptyRecord<HostDigest>();
  if (typeof raw !== 'object' || raw === null) return digests;
  let dropped = 0;
  for (const [host, value] of Object.entries(raw)) {
    const digest = hostDigest.safeParse(value);
    if (digest.success) digests[host] = digest.data;
    else dropped += 1;
  }
  if (dropped > 0) logger.warn('stored host digests fail their contract; dropped', { path: snapshot?.ref.path, dropped });
  return digests;
}

function windowFields(delta: WindowDelta, content: WindowContent) {
  const { resolution, start, end, expiresAt } = delta.slot;
  return { resolution, start, end, expiresAt: Timestamp.fromMillis(expiresAt), metrics: content.metrics };
}

function storedContent(snapshot: DocumentSnapshot | undefined): WindowContent {
  const window = stored(snapshot, windowDoc);
  return window === undefined ? emptyContent() : { metrics: window.metrics, errorCount: window.errors.count, recentErrors: window.errors.recent };
}

function storedFleetContent(snapshot: DocumentSnapshot | undefined): WindowContent {
  const window = stored(snapshot, fleetWindowDoc);
  return window === undefined ? emptyContent() : { metrics: window.metrics, errorCount: window.errors.count, recentErrors: [] };
}

/** A window after a batch, its metrics bounded: past `kept` the metrics whose newest sample is oldest go. */
function mergedWindow(storedWindow: WindowContent, delta: WindowContent, kept: number): WindowContent {
  const merged = mergeWindowContent(storedWindow, delta);
  return { ...merged, metrics: newestEntries(merged.metrics, kept, (aggregate) => aggregate.lastTs) };
}

interface HostRefs {
  delta: HostDelta;
  host: DocumentReference;
  windows: Map<string, DocumentReference>;
  previousMinute: DocumentReference;
}

/**
 * Applies one batch in ONE transaction: key check, idempotency marker, host windows, fleet
 * shards, host latest state, the hosts' digests in the batch's shard, and alerts. Every document
 * is read, merged and written whole inside it, so concurrent batches serialise on the documents
 * they share and the aggregates stay exact.
 */
export function applyBatch(batch: BatchToApply): Promise<IngestResponse> {
  const { key, batchId, rollup, answer, now } = batch;
  const withinBudget = transactionDeadline(Date.now(), INGEST_TRANSACTION_BUDGET_MS);
  const { tenantId } = key;
  const markerRef = batchId === undefined ? undefined : db.doc(paths.batch(tenantId, batchId));
  const hosts: HostRefs[] = [...rollup.hosts.values()].map((delta) => ({
    delta,
    host: db.doc(paths.host(tenantId, delta.host)),
    windows: new Map([...delta.windows].map(([key, w]) => [key, db.doc(paths.window(tenantId, delta.host, w.slot.resolution, w.slot.start))])),
    previousMinute: db.doc(paths.window(tenantId, delta.host, '1m', windowStart(delta.lastSeen, '1m') - RESOLUTIONS['1m'].ms)),
  }));
  const fleetRefs = new Map([...rollup.fleet].map(([key, f]) => [key, db.doc(paths.fleetWindow(tenantId, f.slot.resolution, f.slot.start, f.shard))]));
  const digestsRef = db.doc(paths.hostDigest(tenantId, rollup.shard));
  const tenantRef = db.doc(paths.tenant(tenantId));

  return db.runTransaction(
    async (tx) => {
      withinBudget();
      const allRefs = [...hosts.flatMap((h) => [h.host, h.previousMinute, ...h.windows.values()]), ...fleetRefs.values(), digestsRef];
      // A batch spanning a minute boundary names its previous minute twice; read each document once.
      // The key's lookup was read before the batch was looked at; it is read again here, in the
      // same round trip as the marker, the tenant's alert policy and the batch's documents, so that
      // a revocation or a copy of this batch that committed since is seen, and one that commits
      // later waits for this batch's locks. Nothing is written before the key is checked; and the
      // batch is judged by the thresholds in force when it commits.
      const keyed = [key.lookup, ...(markerRef ? [markerRef] : []), tenantRef, ...allRefs];
      const refs = [...new Map(keyed.map((ref) => [ref.path, ref])).values()];
      const snapshots = new Map((await tx.getAll(...refs)).map((snapshot) => [snapshot.ref.path, snapshot]));
      const read = (ref: DocumentReference) => snapshots.get(ref.path);
      grantOf(key, read(key.lookup));
      const replay = replayedAnswer(markerRef === undefined ? undefined : read(markerRef));
      if (replay !== undefined) return replay;
      const policy = alertPolicy(read(tenantRef));
      const storedHosts = new Map(hosts.map((h) => [h.delta.host, storedHost(read(h.host))]));
      const activeAlerts = await readActiveAlerts(tx, tenantId, storedHosts);
      // Past this point the attempt writes: it does so only inside the budget.
      withinBudget();
      const digests = emptyRecord<HostDigest>();

      for (const h of hosts) {
        const merged = new Map<string, WindowContent>();
        for (const [key, delta] of h.delta.windows) {
          const ref = h.windows.get(key);
          if (ref === undefined) continue;
          const content = mergedWindow(storedContent(read(ref)), delta, METRICS_KEPT_PER_HOST);
          merged.set(key, content);
          tx.set(ref, {
            ...windowFields(delta, content),
            host: h.delta.host,
            errors: { count: content.errorCount, recent: content.recentErrors },
          });
        }
        const currentMinute = merged.get(`1m_${windowStart(h.delta.lastSeen, '1m')}`) ?? emptyContent();
        const previousMinute = merged.get(`1m_${windowStart(h.delta.lastSeen, '1m') - RESOLUTIONS['1m'].ms}`) ?? storedContent(read(h.previousMinute));
        const errorRate = errorsPerMinute(h.delta.lastSeen, currentMinute.errorCount, previousMinute.errorCount);
        digests[h.delta.host] = writeHostAndAlerts(tx, batch, policy, h, storedHosts.get(h.delta.host) ?? {}, activeAlerts, { value: errorRate, ts: h.delta.lastSeen });
      }
      for (const [key, delta] of rollup.fleet) {
        const ref = fleetRefs.get(key);
        if (ref === undefined) continue;
        const content = mergedWindow(storedFleetContent(read(ref)), delta, METRICS_KEPT_PER_FLEET_WINDOW);
        tx.set(ref, { ...windowFields(delta, content), shard: delta.shard, errors: { count: content.errorCount } });
      }
      tx.set(digestsRef, { shard: rollup.shard, hosts: mergeHostDigests(storedDigests(read(digestsRef)), digests) });
      if (markerRef !== undefined) {
        tx.set(markerRef, { answer, appliedAt: now, expiresAt: Timestamp.fromMillis(now + BATCH_MARKER_KEEP_MS) });
      }
      return answer;
    },
    // Concurrent batches of one host contend on the same documents; each retry re-reads and re-merges.
    { maxAttempts: INGEST_TRANSACTION_ATTEMPTS },
  );
}

/** The alert documents the hosts point at through activeAlerts, by id. */
async function readActiveAlerts(tx: Transaction, tenantId: string, storedHosts: Map<string, StoredHost>): Promise<Map<string, StoredAlert>> {
  const ids = [...storedHosts.values()].flatMap((host) => Object.values(host.activeAlerts ?? {}));
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

function writeHostAndAlerts(
  tx: Transaction,
  batch: BatchToApply,
  policy: AlertPolicy,
  h: HostRefs,
  host: StoredHost,
  activeAlerts: Map<string, StoredAlert>,
  errorRate: MetricSample,
): HostDigest {
  const { now } = batch;
  const { tenantId } = batch.key;
  const { delta } = h;
  // A batch older than what the host already reported updates its windows, not its current state.
  const current = isNewestOfHost(delta.lastSeen, host.lastSeen);
  const samples = samplesDrivingAlerts(delta.samples, host.metrics, current ? { metric: ERROR_RATE_METRIC, sample: errorRate } : null);
  const silenced = host.silencedUntil != null && host.silencedUntil > now;
  const activeIds = recordOf(Object.entries(host.activeAlerts ?? {}));
  const breaches = recordOf(Object.entries(host.breachingSince ?? {}));

  for (const [metric, metricSamples] of samples) {
    const activeId = ownValue(host.activeAlerts, metric);
    const previousBreach = ownValue(host.breachingSince, metric) ?? null;
    const outcome = evaluateAlert({
      host: delta.host,
      metric,
      levels: ownValue(host.thresholds, metric) ?? ownValue(policy.thresholds, metric),
      sustainMs: policy.sustainSeconds * 1000,
      silenced,
      breachingSince: previousBreach,
      active: activeId === undefined ? null : (activeAlerts.get(activeId) ?? null),
      samples: metricSamples,
    });
    for (const [id, doc] of outcome.changed) tx.set(db.doc(paths.alert(tenantId, id)), doc);
    setOrDelete(activeIds, metric, outcome.active?.id ?? null);
    setOrDelete(breaches, metric, outcome.breachingSince);
  }
  if (current) {
    const noDataId = ownValue(host.activeAlerts, NO_DATA_METRIC);
    const resolved = resolveNoData(noDataId === undefined ? null : (activeAlerts.get(noDataId) ?? null), delta.lastSeen);
    if (resolved !== null) tx.set(db.doc(paths.alert(tenantId, resolved.id)), resolved.doc);
    // The host reports: any no-data pointer goes, even one to an alert an operator resolved.
    setOrDelete(activeIds, NO_DATA_METRIC, null);
  }

  const latest = latestMetrics(host.metrics ?? {}, delta.latest);
  const lastSeen = Math.max(host.lastSeen ?? 0, delta.lastSeen);
  // Written whole, as this transaction read it: thresholds and silencedUntil belong to the commands
  // function and go back as read (a command that commits meanwhile makes this attempt retry), and a
  // field that failed its contract is rebuilt, or left out, rather than merged into.
  const written: HostDoc = {
    host: delta.host,
    lastSeen,
    metrics: latest,
    recentErrors: newestErrors(host.recentErrors ?? [], delta.recentErrors),
    errorsPerMinute: current ? errorRate.value : (host.errorsPerMinute ?? 0),
    thresholds: host.thresholds ?? {},
    silencedUntil: host.silencedUntil ?? null,
    activeAlerts: activeIds,
    breachingSince: breaches,
  };
  tx.set(h.host, written);
  return hostDigestOf(written);
}

/** The host's newest sample per metric after a batch, at most METRICS_KEPT_PER_HOST of them (the longest-silent go). */
function latestMetrics(storedLatest: Readonly<Record<string, LatestSample>>, batchLatest: Readonly<Record<string, LatestSample>>): Record<string, LatestSample> {
  const latest = emptyRecord<LatestSample>();
  for (const [metric, sample] of [...Object.entries(storedLatest), ...Object.entries(batchLatest)]) {
    const previous = ownValue(latest, metric);
    if (previous === undefined || sample.ts >= previous.ts) latest[metric] = sample;
  }
  return newestEntries(latest, METRICS_KEPT_PER_HOST, (sample) => sample.ts);
}

function setOrDelete<T>(record: Record<string, T>, key: string, value: T | null): void {
  if (value === null) delete record[key];
  else record[key] = value;
}
