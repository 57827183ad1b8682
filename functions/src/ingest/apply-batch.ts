import { FieldValue, Timestamp, type DocumentReference, type DocumentSnapshot, type Transaction } from 'firebase-admin/firestore';
import {
  DEFAULT_THRESHOLDS,
  ERROR_RATE_METRIC,
  RESOLUTIONS,
  alertDoc,
  fleetWindowDoc,
  hostDigestsDoc,
  hostDoc,
  ingestResponse,
  paths,
  tenantDoc,
  windowDoc,
  windowStart,
  type HostDigest,
  type HostDoc,
  type IngestResponse,
  type TenantDoc,
} from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { evaluateAlert, type MetricSample, type StoredAlert } from '../alerts/evaluate-alert';
import { grantOf, type KeyGrant, type PresentedKey } from './authorise-key';
import { hostDigestOf, mergeHostDigests } from './host-digests';
import { EMPTY_CONTENT, mergeWindowContent, newestErrors, type HostDelta, type Rollup, type WindowContent, type WindowDelta } from './rollup';
import type { TimedEvent } from './validate-events';

/** How long a batchId is remembered: longer than any agent's retry horizon. */
export const BATCH_MARKER_KEEP_MS = 48 * 3_600_000;
/** Concurrent batches of one host contend on the same documents; each retry re-reads and re-merges. */
const MAX_TRANSACTION_ATTEMPTS = 30;

type AlertPolicy = Pick<TenantDoc, 'thresholds' | 'sustainSeconds'>;

export interface BatchToApply {
  /** The key the batch came with; it names the tenant, and its lookup is checked before anything is applied. */
  key: PresentedKey;
  batchId: string | undefined;
  events: readonly TimedEvent[];
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

/** Reads a document that may not exist yet through its contract. */
function parsed<T>(snapshot: DocumentSnapshot | undefined, parse: (data: unknown) => T): T | undefined {
  return snapshot?.exists ? parse(snapshot.data()) : undefined;
}

/** The samples of each metric of a host in this batch, oldest first. */
function samplesByMetric(events: readonly TimedEvent[], host: string): Map<string, MetricSample[]> {
  const samples = new Map<string, MetricSample[]>();
  for (const event of events) {
    if (event.type !== 'metric' || event.host !== host) continue;
    samples.set(event.metric, [...(samples.get(event.metric) ?? []), { value: event.value, ts: event.ts }]);
  }
  for (const list of samples.values()) list.sort((a, b) => a.ts - b.ts);
  return samples;
}

/**
 * Errors per minute at `ts`, as a sliding window over the stored 1 m windows: the current
 * minute's count plus the previous minute's, weighted by how much of it the last 60 s still cover.
 */
function errorsPerMinute(ts: number, currentCount: number, previousCount: number): number {
  const elapsed = (ts - windowStart(ts, '1m')) / RESOLUTIONS['1m'].ms;
  return currentCount + previousCount * (1 - elapsed);
}

function windowFields(delta: WindowDelta, content: WindowContent) {
  const { resolution, start, end, expiresAt } = delta.slot;
  return { resolution, start, end, expiresAt: Timestamp.fromMillis(expiresAt), metrics: content.metrics };
}

function storedContent(snapshot: DocumentSnapshot | undefined): WindowContent {
  const stored = parsed(snapshot, (data) => windowDoc.parse(data));
  return stored === undefined ? EMPTY_CONTENT : { metrics: stored.metrics, errorCount: stored.errors.count, recentErrors: stored.errors.recent };
}

function storedFleetContent(snapshot: DocumentSnapshot | undefined): WindowContent {
  const stored = parsed(snapshot, (data) => fleetWindowDoc.parse(data));
  return stored === undefined ? EMPTY_CONTENT : { metrics: stored.metrics, errorCount: stored.errors.count, recentErrors: [] };
}

interface HostRefs {
  delta: HostDelta;
  host: DocumentReference;
  windows: Map<string, DocumentReference>;
  previousMinute: DocumentReference;
}

export interface AppliedBatch {
  applied: IngestResponse;
  grant: KeyGrant;
}

/**
 * Applies one batch in ONE transaction: key check, idempotency marker, host windows, fleet
 * shards, host latest state, the hosts' digests in the batch's shard, and alerts. Every document
 * is read, merged and written whole inside it, so concurrent batches serialise on the documents
 * they share and the aggregates stay exact.
 */
export function applyBatch(batch: BatchToApply): Promise<AppliedBatch> {
  const { key, batchId, rollup, answer, now } = batch;
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
      const allRefs = [...hosts.flatMap((h) => [h.host, h.previousMinute, ...h.windows.values()]), ...fleetRefs.values(), digestsRef];
      // A batch spanning a minute boundary names its previous minute twice; read each document once.
      // The key's lookup, the marker and the tenant's alert policy are read in the same round trip:
      // a refused key or a replay is rare and the policy rarely changes, a round trip per batch is
      // not. Nothing is written before the key is checked, so a refused key changes nothing; and
      // the batch is judged by the thresholds in force when it commits.
      const keyed = [key.lookup, ...(markerRef ? [markerRef] : []), tenantRef, ...allRefs];
      const refs = [...new Map(keyed.map((ref) => [ref.path, ref])).values()];
      const snapshots = new Map((await tx.getAll(...refs)).map((snapshot) => [snapshot.ref.path, snapshot]));
      const read = (ref: DocumentReference) => snapshots.get(ref.path);
      const grant = grantOf(key, read(key.lookup));
      const marker = markerRef === undefined ? undefined : read(markerRef);
      if (marker?.exists) return { applied: { ...ingestResponse.parse(marker.get('answer')), duplicate: true }, grant };
      const policy = alertPolicy(read(tenantRef));
      const storedHosts = new Map(hosts.map((h) => [h.delta.host, parsed(read(h.host), (data) => hostDoc.partial().parse(data)) ?? {}]));
      const activeAlerts = await readActiveAlerts(tx, tenantId, storedHosts);
      const digests: Record<string, HostDigest> = {};

      for (const h of hosts) {
        const merged = new Map<string, WindowContent>();
        for (const [key, delta] of h.delta.windows) {
          const ref = h.windows.get(key);
          if (ref === undefined) continue;
          const content = mergeWindowContent(storedContent(read(ref)), delta);
          merged.set(key, content);
          tx.set(ref, {
            ...windowFields(delta, content),
            host: h.delta.host,
            errors: { count: content.errorCount, recent: content.recentErrors },
          });
        }
        const currentMinute = merged.get(`1m_${windowStart(h.delta.lastSeen, '1m')}`) ?? EMPTY_CONTENT;
        const previousMinute = merged.get(`1m_${windowStart(h.delta.lastSeen, '1m') - RESOLUTIONS['1m'].ms}`) ?? storedContent(read(h.previousMinute));
        const errorRate = errorsPerMinute(h.delta.lastSeen, currentMinute.errorCount, previousMinute.errorCount);
        digests[h.delta.host] = writeHostAndAlerts(tx, batch, policy, h, storedHosts.get(h.delta.host) ?? {}, activeAlerts, { value: errorRate, ts: h.delta.lastSeen });
      }
      for (const [key, delta] of rollup.fleet) {
        const ref = fleetRefs.get(key);
        if (ref === undefined) continue;
        const content = mergeWindowContent(storedFleetContent(read(ref)), delta);
        tx.set(ref, { ...windowFields(delta, content), shard: delta.shard, errors: { count: content.errorCount } });
      }
      const storedDigests = parsed(read(digestsRef), (data) => hostDigestsDoc.parse(data))?.hosts ?? {};
      tx.set(digestsRef, { shard: rollup.shard, hosts: mergeHostDigests(storedDigests, digests) });
      if (markerRef !== undefined) {
        tx.set(markerRef, { answer, appliedAt: now, expiresAt: Timestamp.fromMillis(now + BATCH_MARKER_KEEP_MS) });
      }
      return { applied: answer, grant };
    },
    { maxAttempts: MAX_TRANSACTION_ATTEMPTS },
  );
}

/** The alert documents the hosts point at through activeAlerts, by id. */
async function readActiveAlerts(tx: Transaction, tenantId: string, storedHosts: Map<string, StoredHost>): Promise<Map<string, StoredAlert>> {
  const ids = [...storedHosts.values()].flatMap((host) => Object.values(host.activeAlerts ?? {}));
  if (ids.length === 0) return new Map();
  const snapshots = await tx.getAll(...ids.map((id) => db.doc(paths.alert(tenantId, id))));
  const alerts = new Map<string, StoredAlert>();
  for (const snapshot of snapshots) {
    const doc = parsed(snapshot, (data) => alertDoc.parse(data));
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
  stored: StoredHost,
  activeAlerts: Map<string, StoredAlert>,
  errorRate: MetricSample,
): HostDigest {
  const { now } = batch;
  const { tenantId } = batch.key;
  const { delta } = h;
  const samples = samplesByMetric(batch.events, delta.host);
  samples.set(ERROR_RATE_METRIC, [errorRate]);
  const silenced = stored.silencedUntil != null && stored.silencedUntil > now;
  const activeUpdates: Record<string, string | FieldValue> = {};
  const breachUpdates: Record<string, number | FieldValue> = {};

  for (const [metric, metricSamples] of samples) {
    const activeId = stored.activeAlerts?.[metric];
    const previousBreach = stored.breachingSince?.[metric] ?? null;
    const outcome = evaluateAlert({
      host: delta.host,
      metric,
      levels: stored.thresholds?.[metric] ?? policy.thresholds[metric],
      sustainMs: policy.sustainSeconds * 1000,
      silenced,
      breachingSince: previousBreach,
      active: activeId === undefined ? null : (activeAlerts.get(activeId) ?? null),
      samples: metricSamples,
    });
    for (const [id, doc] of outcome.changed) tx.set(db.doc(paths.alert(tenantId, id)), doc);
    if (outcome.active?.id !== activeId) activeUpdates[metric] = outcome.active?.id ?? FieldValue.delete();
    if (outcome.breachingSince !== previousBreach) breachUpdates[metric] = outcome.breachingSince ?? FieldValue.delete();
  }

  const latest = { ...(stored.metrics ?? {}) };
  for (const [metric, sample] of Object.entries(delta.latest)) {
    const previous = latest[metric];
    if (previous === undefined || sample.ts >= previous.ts) latest[metric] = sample;
  }
  const lastSeen = Math.max(stored.lastSeen ?? 0, delta.lastSeen);
  // merge: thresholds and silencedUntil belong to the commands function and are never written here.
  tx.set(
    h.host,
    {
      host: delta.host,
      lastSeen,
      metrics: latest,
      recentErrors: newestErrors(stored.recentErrors ?? [], delta.recentErrors),
      errorsPerMinute: errorRate.value,
      ...mapPatch('activeAlerts', activeUpdates),
      ...mapPatch('breachingSince', breachUpdates),
    },
    { merge: true },
  );
  return hostDigestOf({
    lastSeen,
    metrics: latest,
    errorsPerMinute: errorRate.value,
    thresholds: stored.thresholds ?? {},
    silencedUntil: stored.silencedUntil ?? null,
  });
}

/**
 * A merge-set of a map field with no keys does not leave the stored map alone: the Admin SDK
 * writes an empty map as a leaf and replaces the whole field. So an unchanged map is left out.
 */
function mapPatch<K extends string, V>(field: K, updates: Record<string, V>): Partial<Record<K, Record<string, V>>> {
  return Object.keys(updates).length === 0 ? {} : ({ [field]: updates } as Record<K, Record<string, V>>);
}
