import { z } from 'zod';

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
 * Fleet windows are split into this many shard documents (a batch's shard is the stable hash of
 * its first host), which the client sums. 200 hosts posting every 5 s make 40 writes/s per
 * resolution; over 64 shards that is 0.6 writes/s per document on average (docs/DATA-MODEL.md).
 */
export const FLEET_SHARDS = 64;

/**
 * The most host digests one shard's document keeps; past it the longest-silent go. 2,000 digests
 * of at most about 410 bytes each (by Firestore's size rules: a 64-character name, three metrics,
 * four overrides) stay under its 1 MiB a document, and 64 shards of them cover 128,000 hosts seen.
 */
export const HOST_DIGESTS_KEPT_PER_SHARD = 2_000;

/**
 * The most metrics a host document and each of its windows keep; past it the metrics whose newest
 * sample is oldest go. A host that reports new names forever keeps bounded documents.
 */
export const METRICS_KEPT_PER_HOST = 100;

/**
 * The most metrics one fleet shard's window keeps (the hosts of one shard report more names than
 * one host); past it the metrics whose newest sample is oldest go.
 */
export const METRICS_KEPT_PER_FLEET_WINDOW = 1_000;
