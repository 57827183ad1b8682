import { randomInt } from 'node:crypto';
import { DEFAULT_INGEST_EVENTS_PER_MINUTE_PER_KEY, ingestQuotaShardDoc, paths, tenantDoc } from '@pulseboard/contracts';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import type { KeyGrant } from '../ingest/authorise-key';
import { db } from '../shared/admin';
import { countedWrite, countReads } from '../shared/document-writes';
import { DomainError } from '../shared/errors';
import { RUNTIME_OPTIONS } from '../shared/runtime-options';
import { MINUTE_MS, admit, afterFlush, afterRead, currentUsage, flushDue, readDue, type KeyUsage } from './key-quota';

/** How often an instance reads a key's minute total, and adds what it admitted to its shard, at most. */
export const QUOTA_SYNC_INTERVAL_MS = 5_000;
/** How long an instance trusts the tenant's limit it read. */
const LIMIT_CACHE_MS = 60_000;
/** Shards per key and minute: one per instance the cost guard allows, so instances rarely share one. */
const SHARDS = RUNTIME_OPTIONS.maxInstances;
/** Keys (and tenants) an instance tracks at once; past it the entries of earlier minutes go. */
const MAX_TRACKED = 10_000;
/** Shard counters are deleted by TTL an hour after their minute. */
const SHARD_KEEP_MS = 60 * MINUTE_MS;

/** This instance's shard: chosen once, so its writes to a key's minute never contend with its own. */
const instanceShard = randomInt(SHARDS);
const usages = new Map<string, KeyUsage>();
const limits = new Map<string, { limit: number; readAt: number }>();

function forgetOld<V>(entries: Map<string, V>, stale: (value: V) => boolean): void {
  if (entries.size < MAX_TRACKED) return;
  for (const [id, value] of entries) if (stale(value)) entries.delete(id);
  if (entries.size >= MAX_TRACKED) entries.clear();
}

/** The tenant's events a minute per key, read at most once a minute per instance. */
async function tenantLimit(tenantId: string, now: number): Promise<number> {
  const cached = limits.get(tenantId);
  if (cached !== undefined && now - cached.readAt < LIMIT_CACHE_MS) return cached.limit;
  const tenant = tenantDoc.safeParse((await db.doc(paths.tenant(tenantId)).get()).data());
  countReads(1);
  if (!tenant.success) logger.warn('tenant document fails its contract; the default ingest quota applies', { tenantId });
  const limit = (tenant.success ? tenant.data.ingestEventsPerMinutePerKey : undefined) ?? DEFAULT_INGEST_EVENTS_PER_MINUTE_PER_KEY;
  forgetOld(limits, (entry) => now - entry.readAt >= LIMIT_CACHE_MS);
  limits.set(tenantId, { limit, readAt: now });
  return limit;
}

/** The minute's events across the key's shards: one query, as many reads as instances that counted the key this minute. */
async function readTotal(grant: KeyGrant, minute: number): Promise<number> {
  const shards = await db.collection(paths.ingestQuota(grant.tenantId)).where('keyId', '==', grant.keyId).where('minute', '==', minute).get();
  countReads(shards.size, 'query');
  return shards.docs.reduce((sum, doc) => {
    const parsed = ingestQuotaShardDoc.safeParse(doc.data());
    return sum + (parsed.success ? parsed.data.events : 0);
  }, 0);
}

/** Adds `events` to this instance's shard of the key's minute: one write, an increment, no transaction. */
async function addToShard(grant: KeyGrant, minute: number, events: number, now: number): Promise<void> {
  const shard = db.doc(paths.ingestQuotaShard(grant.tenantId, grant.keyId, minute, instanceShard));
  await countedWrite(shard.set({ keyId: grant.keyId, minute, events: FieldValue.increment(events), expiresAt: Timestamp.fromMillis(now + SHARD_KEEP_MS) }, { merge: true }));
}

/**
 * Counts a request's events against its key's quota for the minute, or refuses it with 429 and the
 * seconds until the minute ends. Per instance in memory, shared with the other instances through
 * the key's shard counters: each instance reads the minute's total and adds what it admitted to
 * its own shard at most every QUOTA_SYNC_INTERVAL_MS (and at its first request of the minute), so
 * no document is written per batch, and a key may overshoot its limit by what the instances admit
 * between two syncs.
 */
export async function admitEvents(grant: KeyGrant, events: number): Promise<void> {
  const now = Date.now();
  const id = `${grant.tenantId}/${grant.keyId}`;
  const limit = await tenantLimit(grant.tenantId, now);
  const known = currentUsage(usages.get(id), now);
  if (readDue(known, now, QUOTA_SYNC_INTERVAL_MS)) {
    // Marked read at once, so the instance's concurrent requests do not read again meanwhile.
    usages.set(id, { ...known, readAt: now });
    const total = await readTotal(grant, known.minute);
    usages.set(id, afterRead(currentUsage(usages.get(id), now), total, now));
  }
  // Read again after any wait: the instance's concurrent requests may have admitted events meanwhile.
  const decision = admit(currentUsage(usages.get(id), now), events, limit, now);
  forgetOld(usages, (entry) => entry.minute !== decision.usage.minute);
  usages.set(id, decision.usage);
  if (decision.admitted && flushDue(decision.usage, now, QUOTA_SYNC_INTERVAL_MS)) {
    const flushed = decision.usage.unflushed;
    usages.set(id, { ...decision.usage, flushedAt: now });
    await addToShard(grant, decision.usage.minute, flushed, now);
    usages.set(id, afterFlush(currentUsage(usages.get(id), now), flushed, now));
  }
  if (!decision.admitted) {
    throw new DomainError(
      'resource-exhausted',
      `This ingest key has sent ${decision.used} of its ${limit} events this minute; a request of ${events} would pass it. Send it again after ${decision.retryAfterSeconds} s.`,
      decision.retryAfterSeconds,
    );
  }
}
