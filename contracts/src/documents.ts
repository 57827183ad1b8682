import * as z from 'zod';
import { epochMs } from './time';
import { role, safeId } from './ids';
import { FLEET_LEVEL_MAX, FLEET_SHARDS, aggregate, resolution } from './metrics';
import { DEFAULT_THRESHOLDS, ERROR_RATE_METRIC, type KnownMetric } from './metric-registry';
import { ALERT_LEVELS, thresholdLevels } from './thresholds';
import { maintenanceWindows } from './maintenance';
import { encodedRecentWindows } from './encoded-windows';

export const tenantDoc = z.object({
  name: z.string().min(1).max(100),
  /** Tenant-wide default thresholds per metric; hosts may override them. */
  thresholds: z.record(safeId, thresholdLevels),
  /** How long a level must be crossed before an alert opens. */
  sustainSeconds: z.number().int().nonnegative(),
  /** A host not seen for this long shows as stale. */
  staleAfterSeconds: z.number().int().positive(),
  /**
   * Events one ingest key may send a minute, across ingest, otlp and collectd (429 past it); absent:
   * DEFAULT_INGEST_EVENTS_PER_MINUTE_PER_KEY. Set on the tenant document by the Admin SDK or console.
   */
  ingestEventsPerMinutePerKey: z.number().int().positive().optional(),
  /**
   * Scheduled maintenance windows by id (contracts/src/maintenance.ts), written only by applyCommand
   * (`schedule-maintenance`, `cancel-maintenance`); absent until the first. Kept here so that every
   * reader of the tenant's policy (ingest, the sweep) sees them without another read.
   */
  maintenance: maintenanceWindows.optional(),
  /**
   * How finely the fleet is split (FLEET_LEVEL_MAX); absent: 0, one shard document a batch. Written
   * only by ingest, when a leaf passes LEAF_RAISE_BATCHES_PER_MINUTE.
   */
  fleetLevel: z.number().int().min(0).max(FLEET_LEVEL_MAX).optional(),
});
export type TenantDoc = z.infer<typeof tenantDoc>;

/** A new tenant's settings until its admins change them: alert after 30 s over a level, stale after 60 s. */
export const DEFAULT_TENANT_SETTINGS: Omit<TenantDoc, 'name'> = {
  thresholds: DEFAULT_THRESHOLDS,
  sustainSeconds: 30,
  staleAfterSeconds: 60,
};

/** A key's events a minute when its tenant sets none: 50,000 a second, far above any one agent, still a cap on a leaked key. */
export const DEFAULT_INGEST_EVENTS_PER_MINUTE_PER_KEY = 3_000_000;

/**
 * tenants/{t}/ingestQuota/{keyId}_{minute}_{shard}: the events one function instance admitted for
 * a key in one minute (epoch minutes), added at most every few seconds; server-only.
 */
export const ingestQuotaShardDoc = z.object({ keyId: z.string(), minute: z.number().int(), events: z.number().int().nonnegative() });
export type IngestQuotaShardDoc = z.infer<typeof ingestQuotaShardDoc>;

/** Mirror of a member's custom claim for this tenant, written by setMemberRole for listing. */
export const memberDoc = z.object({
  email: z.string().email(),
  role,
  updatedAt: epochMs,
});
export type MemberDoc = z.infer<typeof memberDoc>;

export const latestSample = z.object({ value: z.number(), ts: epochMs });
export type LatestSample = z.infer<typeof latestSample>;

export const recentError = z.object({ code: z.string(), message: z.string(), ts: epochMs });
export type RecentError = z.infer<typeof recentError>;

/** Latest state of one host, written by ingest. */
export const hostDoc = z.object({
  host: safeId,
  lastSeen: epochMs,
  metrics: z.record(safeId, latestSample),
  recentErrors: z.array(recentError),
  /**
   * Errors per minute at `lastSeen`, the figure the host's error-rate alerts judge (the current 1 m
   * window's count plus the previous one's, weighted by the part of it the last 60 s still cover).
   * The host's status in the browser uses it too: `recentErrors` keeps only the newest few messages.
   */
  errorsPerMinute: z.number().nonnegative().default(0),
  /** Per-host overrides of the tenant thresholds (set through commands). */
  thresholds: z.record(safeId, thresholdLevels).default({}),
  silencedUntil: epochMs.nullable().default(null),
  /** The unresolved alert per metric (alert id), kept by ingest; resolving that alert clears it. */
  activeAlerts: z.record(safeId, z.string()).default({}),
  /** Metric -> when its value started to stay at or above warning (the sustain period's start); ingest only. */
  breachingSince: z.record(safeId, epochMs).optional(),
});
export type HostDoc = z.infer<typeof hostDoc>;

/** One host's aggregates in one tumbling window, as its host document and its window chunks hold it. */
export const hostWindow = z.object({
  start: epochMs,
  metrics: z.record(safeId, aggregate),
  errorCount: z.number().int().nonnegative(),
});
export type HostWindow = z.infer<typeof hostWindow>;

/**
 * A host's windows that a batch may still add to or that its live chart shows, by resolution,
 * oldest first (contracts/src/host-windows.ts says how long each stays).
 */
export const recentWindows = z.record(resolution, z.array(hostWindow));
export type RecentWindows = z.infer<typeof recentWindows>;

/** A batch applied to a host: its id, and the time its events were judged at (its answer is recomputed from them). */
export const appliedBatch = z.object({ id: safeId, appliedAt: epochMs });
export type AppliedBatch = z.infer<typeof appliedBatch>;

/**
 * The host document as ingest writes it: the host's state (hostDoc, what every page reads) plus its
 * recent windows and the ids of the last batches applied to it (its exactly-once marker). Pages that
 * do not chart the host read it through hostDoc, which leaves those two out.
 */
export const storedHostDoc = hostDoc.extend({
  /** One bytes value (encoded-windows.ts); a document written before 2026-12-03 holds them as maps, read until its next batch. */
  windows: z.union([encodedRecentWindows, recentWindows]),
  appliedBatches: z.array(appliedBatch),
});
export type StoredHostDoc = z.infer<typeof storedHostDoc>;

/**
 * windowChunks/{host}_{res}_{start}: one host's closed windows of one resolution over one chunk of
 * time (`start` to `end`), written once, when no batch can add to them any more.
 */
export const windowChunkDoc = z.object({
  host: safeId,
  resolution,
  start: epochMs,
  end: epochMs,
  /** Firestore TTL deletes the document after this time. */
  expiresAt: epochMs,
  windows: z.array(hostWindow),
});
export type WindowChunkDoc = z.infer<typeof windowChunkDoc>;

/**
 * fleetChunks/{shard}_{res}_{start}: one fleet shard's closed windows of one resolution over one
 * chunk of time, written once, as a host's chunks are (FLEET_WINDOWS says which resolutions).
 */
export const fleetChunkDoc = windowChunkDoc.omit({ host: true }).extend({ shard: z.number().int().nonnegative() });
export type FleetChunkDoc = z.infer<typeof fleetChunkDoc>;

/**
 * The metrics whose values and overrides a host digest keeps, and so the ones a host's status is
 * judged on, in every view: the overview's cards and top lists read them. The digest's size bound
 * (HOST_DIGESTS_KEPT_PER_SHARD) counts on these few.
 */
export const DIGEST_METRICS = ['cpu', 'requests', 'active_users', ERROR_RATE_METRIC] as const satisfies readonly KnownMetric[];

/**
 * A host's state as its last batch left it, with the values and overrides of DIGEST_METRICS, and the
 * values of its DIGEST_OTHER_METRICS most recently reported other metrics: what the fleet overview
 * and the hosts table need of every host, without listening to every host document (docs/DATA-MODEL.md).
 */
export const hostDigest = hostDoc.pick({ lastSeen: true, metrics: true, errorsPerMinute: true, thresholds: true, silencedUntil: true });
export type HostDigest = z.infer<typeof hostDigest>;

/**
 * fleetShards/{shard}: one fleet shard, the one document of the fleet each batch writes (the shard
 * of its first host by name). It holds the shard's recent windows, kept and archived as a host
 * document keeps its own (FLEET_WINDOWS), and the digests of the hosts whose batches chose it, at
 * most HOST_DIGESTS_KEPT_PER_SHARD. A host whose batches chose more than one shard has a digest in
 * each; its newest is the one with the greatest `lastSeen`. Its `updatedAt` (the commit time, which
 * the live overview's fold queries) is outside the contract. Under 1 MiB in the worst case
 * (fleet-shard-size.spec in functions computes it).
 */
export const fleetShardDoc = z.object({
  shard: z.number().int().nonnegative(),
  windows: recentWindows,
  hosts: z.record(safeId, hostDigest),
});
export type FleetShardDoc = z.infer<typeof fleetShardDoc>;

/**
 * The batches a fleet document took in the current minute (since epoch) and in the one before it,
 * at the tenant's fleet level `level` (a leaf stays the same document through a raise, its count
 * does not), and of them (`upper`, `previousUpper`) those a raise would move to its new sibling:
 * what tells ingest the document passes LEAF_RAISE_BATCHES_PER_MINUTE and a raise would split it.
 */
export const batchRate = z.object({
  level: z.number().int().min(0).max(FLEET_LEVEL_MAX),
  minute: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  upper: z.number().int().nonnegative(),
  previous: z.number().int().nonnegative(),
  previousUpper: z.number().int().nonnegative(),
});
export type BatchRate = z.infer<typeof batchRate>;

/**
 * What each batch writes of the fleet: a shard document at level 0 (`fleetShards/{shard}`), a leaf
 * document past it (`fleetLeaves/{leaf}`, `shard` then the leaf's number and `group` the shard it is
 * folded into: the leaf modulo FLEET_SHARDS). Its `updatedAt` is outside the contract, as a shard's is.
 */
export const fleetLeafDoc = fleetShardDoc.extend({
  group: z.number().int().nonnegative().lt(FLEET_SHARDS).optional(),
  batchRate: batchRate.optional(),
});
export type FleetLeafDoc = z.infer<typeof fleetLeafDoc>;

/**
 * A fleet shard past level 0, written by the tenant's fold from its leaves (functions/src/live/
 * fold-leaves.ts), in the shape the tenant's fold and the settings page read: its 10 s windows
 * (the leaves' shares merged), no 1 m or 1 h windows (the leaves keep and archive them), the newest
 * digests of its leaves' hosts, and `metricNames`: each metric name of the leaves' 1 h windows with
 * the newest hour it was seen in (at most FLEET_WINDOWS['1h'].metricsKept, for the settings page).
 */
export const fleetGroupDoc = fleetShardDoc.extend({
  foldedFromLeaves: z.literal(true),
  metricNames: z.record(safeId, epochMs),
});
export type FleetGroupDoc = z.infer<typeof fleetGroupDoc>;

/** A fleet shard's digests: what pages that judge hosts read of it, leaving its windows out. */
export const hostDigestsDoc = fleetShardDoc.pick({ shard: true, hosts: true });
export type HostDigestsDoc = z.infer<typeof hostDigestsDoc>;

export const alertLevel = z.enum(ALERT_LEVELS);
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export const alertState = z.enum(ALERT_STATES);

/**
 * `host-silent`: the sweep closed a threshold alert of a host silent past its expiry; `data-returned`:
 * the host's next batch closed its no-data alert.
 */
export const ALERT_RESOLVED_REASONS = ['host-silent', 'data-returned'] as const;
export type AlertResolvedReason = (typeof ALERT_RESOLVED_REASONS)[number];

export const alertDoc = z.object({
  host: safeId,
  metric: safeId,
  level: alertLevel,
  state: alertState,
  threshold: z.number(),
  peak: z.number(),
  lastValue: z.number(),
  openedAt: epochMs,
  acknowledgedAt: epochMs.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: epochMs.nullable(),
  /** Why a resolved alert resolved, when not by its own value or an operator (absent on older alerts). */
  resolvedReason: z.enum(ALERT_RESOLVED_REASONS).optional(),
  updatedAt: epochMs,
});
export type AlertDoc = z.infer<typeof alertDoc>;

/** Admin-visible metadata of an ingest key. */
export const keyDoc = z.object({
  label: z.string().min(1).max(100),
  /** First characters of the secret, so people can tell keys apart. */
  prefix: z.string(),
  createdAt: epochMs,
  createdBy: z.string(),
  revokedAt: epochMs.nullable(),
  /** The minute (epoch ms, a multiple of KEY_USE_RESOLUTION_MS) of the newest batch taken with it; absent until then. */
  lastUsedAt: epochMs.optional(),
  /** Set on a key that was rotated: the successor minted with its label. */
  replacedBy: z.string().optional(),
});
export type KeyDoc = z.infer<typeof keyDoc>;

/** Server-only: ingestKeyHashes/{sha256}. */
export const ingestKeyHashDoc = z.object({
  tenantId: z.string(),
  keyId: z.string(),
  revokedAt: epochMs.nullable(),
  /** The same minute as the key's `lastUsedAt`, kept here because ingest reads this document anyway. */
  lastUsedAt: epochMs.optional(),
});
export type IngestKeyHashDoc = z.infer<typeof ingestKeyHashDoc>;
