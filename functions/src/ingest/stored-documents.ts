import { FieldPath, type DocumentSnapshot } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import {
  DEFAULT_THRESHOLDS,
  batchRate,
  emptyRecord,
  encodeRecentWindows,
  hostDigest,
  readableFields,
  recentWindows,
  storedHostDoc,
  tenantDoc,
  type DocumentContract,
  type HostWindow,
  type Resolution,
  type HostDigest,
  type StoredHostDoc,
  type TenantDoc,
} from '@pulseboard/contracts';
import type { AlertPolicy, StoredHost, StoredShard } from './plan-batch';
import { SWEEP_SHARD_FIELD, sweepShardOf } from '../alerts/sweep-shard';

/** A tenant whose settings are missing or unreadable alerts on the default levels, with no sustain period. */
const DEFAULT_POLICY: AlertPolicy = { thresholds: DEFAULT_THRESHOLDS, sustainSeconds: 0 };

/** The tenant's alert policy and its maintenance windows (absent: none), from the one tenant read. */
export type TenantPolicy = AlertPolicy & Pick<TenantDoc, 'maintenance'>;

export function storedPolicy(snapshot: DocumentSnapshot | undefined): TenantPolicy {
  const tenant = tenantDoc.safeParse(snapshot?.data());
  return tenant.success ? tenant.data : DEFAULT_POLICY;
}

/**
 * Reads a document that may not exist yet through its contract. One that fails it (written by an
 * older version, or by hand) is logged and read as missing, so it costs its own aggregates and
 * never a 500 for every batch that shares it: the whole-document write that follows repairs it.
 */
export function stored<T>(snapshot: DocumentSnapshot | undefined, contract: DocumentContract<T>): T | undefined {
  if (!snapshot?.exists) return undefined;
  const parsed = contract.safeParse(snapshot.data());
  if (parsed.success) return parsed.data;
  logger.warn('stored document fails its contract; read as missing and rewritten', { path: snapshot.ref.path, issues: parsed.error.message });
  return undefined;
}

/** A host document as far as it can be read: an unreadable field is logged and rebuilt by the whole-document write. */
export function storedHost(snapshot: DocumentSnapshot | undefined): StoredHost {
  if (!snapshot?.exists) return {};
  const { readable, unreadable } = readableFields(storedHostDoc, snapshot.data());
  if (unreadable.length > 0) logger.warn('stored host fields fail their contract; rebuilt', { path: snapshot.ref.path, unreadable });
  return readable;
}

/**
 * A host document as ingest writes it: its recent windows as one bytes value, which Firestore and
 * the SDKs encode and decode as one value, not ~850 (contracts/src/encoded-windows.ts), and its
 * sweep shard, which only the silent-host sweep's query reads (sweep-shard.ts).
 */
export function hostToStore(doc: StoredHostDoc) {
  return { ...doc, windows: encodeRecentWindows(doc.windows), [SWEEP_SHARD_FIELD]: sweepShardOf(doc.host) };
}

/** A shard's stored digests, each kept if it passes its contract on its own: one bad host never costs the others theirs. */
export function storedDigests(snapshot: DocumentSnapshot | undefined): Record<string, HostDigest> {
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

/**
 * A fleet shard as far as it can be read: its windows if they pass their contract (else rebuilt from
 * this batch on, logged), and its digests one by one (storedDigests).
 */
export function storedShard(snapshot: DocumentSnapshot | undefined): StoredShard {
  if (!snapshot?.exists) return {};
  const windows = recentWindows.safeParse(snapshot.get('windows'));
  if (!windows.success) logger.warn('stored fleet shard windows fail their contract; rebuilt', { path: snapshot.ref.path });
  // A rate that fails its contract (or none, written before rates were counted) starts again from this batch.
  const rate = batchRate.safeParse(snapshot.get('batchRate'));
  return { hosts: storedDigests(snapshot), ...(windows.success ? { windows: windows.data } : {}), ...(rate.success ? { batchRate: rate.data } : {}) };
}

/**
 * The tenant's fleet level (absent: 0), read on its own: other settings that fail their contract
 * do not send the tenant's batches back to level 0's documents.
 */
export function storedFleetLevel(snapshot: DocumentSnapshot | undefined): number {
  const level = tenantDoc.shape.fleetLevel.safeParse(snapshot?.get('fleetLevel'));
  return level.success ? (level.data ?? 0) : 0;
}

/** Where a fleet document (a shard or a leaf) holds its windows of one resolution: what the folds' field masks name. */
export function fleetWindowsField(resolution: Resolution): FieldPath {
  return new FieldPath('windows', resolution);
}

/** A fleet document's windows of one resolution; windows that fail their contract are logged and read as none. */
export function storedFleetWindows(snapshot: DocumentSnapshot, resolution: Resolution): HostWindow[] {
  const windows = recentWindows.valueType.safeParse(snapshot.get(fleetWindowsField(resolution)));
  if (windows.success) return windows.data;
  logger.warn('fleet document windows fail their contract; folded as none', { path: snapshot.ref.path, resolution });
  return [];
}
