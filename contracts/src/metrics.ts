import * as z from 'zod';

/** Tumbling window resolutions, their length, and how long Firestore TTL keeps them. */
export const RESOLUTIONS = {
  '10s': { ms: 10_000, keepMs: 2 * 3_600_000 },
  '1m': { ms: 60_000, keepMs: 48 * 3_600_000 },
  '1h': { ms: 3_600_000, keepMs: 90 * 86_400_000 },
} as const;
export type Resolution = keyof typeof RESOLUTIONS;
export const resolution = z.enum(Object.keys(RESOLUTIONS) as [Resolution, ...Resolution[]]);

export function windowStart(ts: number, res: Resolution): number {
  return ts - (ts % RESOLUTIONS[res].ms);
}

/** Count, sum, min, max and last of one metric in one window: a commutative monoid. */
export const aggregate = z.object({
  count: z.number().int().nonnegative(),
  sum: z.number(),
  min: z.number(),
  max: z.number(),
  last: z.number(),
  /** Timestamp of `last`, so merging keeps the newest sample whatever the order. */
  lastTs: z.number().int().nonnegative(),
});
export type Aggregate = z.infer<typeof aggregate>;

/**
 * The fleet is split into this many shard documents (a batch's shard is the stable hash of its first
 * host), which the live overview's fold sums. Each batch writes one: 200 per-host agents flushing
 * every 10 s make 20 writes/s, 0.3 per shard document; 10,000 make 15.6 per shard document on
 * average and 16 to 19 on the busiest, past Firestore's sustained 1 a second from about 290 per-host
 * agents (tenant-scale.spec in functions; docs/DATA-MODEL.md, "Scale of one tenant").
 */
export const FLEET_SHARDS = 64;

/**
 * A tenant's fleet level: at level k > 0 each batch writes one of FLEET_SHARDS x 2^k leaf documents
 * instead of a shard, and the tenant's fold writes each shard document from its leaves, its group
 * (docs/DATA-MODEL.md, "Scale of one tenant"). Ingest raises a tenant's level by one when a leaf (or
 * at level 0 a shard) took LEAF_RAISE_BATCHES_PER_MINUTE batches in a minute that a raise would
 * split; levels never go down.
 * 7: 8,192 leaves, enough for 10,000 per-host agents flushing every 10 s and more (tenant-scale.spec
 * in functions).
 */
export const FLEET_LEVEL_MAX = 7;

/**
 * Batches a minute that raise a fleet document's tenant a level, when a raise would split them
 * between two documents: one a second, Firestore's advice for one document's sustained writes. A
 * tenant settles at a level where every fleet document takes fewer (or takes them from one agent
 * alone); 200 per-host agents flushing every 10 s stay at level 0 for every naming tenant-scale.spec
 * tries (at most 9 hosts, 0.9 writes a second, on the busiest shard).
 */
export const LEAF_RAISE_BATCHES_PER_MINUTE = 60;

/** How many leaves a fleet of this level has. */
export function fleetLeafCount(level: number): number {
  return FLEET_SHARDS * 2 ** level;
}

/**
 * The most host digests one fleet shard's document keeps; past it the longest-silent go. 1,000
 * digests of at most about 420 bytes each (by Firestore's size rules: a 64-character name, the four
 * digest metrics and their overrides) leave room for the shard's windows (FLEET_WINDOWS) under its
 * 1 MiB, and 64 shards of them cover 64,000 hosts seen.
 */
export const HOST_DIGESTS_KEPT_PER_SHARD = 1_000;

/**
 * The most metrics a host document and each of its windows keep; past it the metrics whose newest
 * sample is oldest go. A host that reports new names forever keeps bounded documents.
 */
export const METRICS_KEPT_PER_HOST = 100;
