import { fleetShardOf } from '../ingest/fleet-shard';

/**
 * The ranges the silent-host sweep's index of `lastSeen` is spread over. Every batch writes its
 * hosts' `lastSeen`, values that all sit near "now": indexed alone, 10,000 per-host agents flushing
 * every 10 s write that one index range 1,000 times a second, twice Firestore's advice of about 500
 * for a monotonically increasing indexed field. Indexed after the host's sweep shard (the composite
 * `hosts (sweepShard, lastSeen)`; `lastSeen` alone is not indexed), the writes spread over this many
 * ranges, and the sweep reads them as one query (`sweepShard in` every shard), merged in `lastSeen`
 * order by Firestore. docs/DATA-MODEL.md, "Scale of one tenant".
 */
export const SWEEP_SHARDS = 8;

/** The host document's field that holds its sweep shard: written by ingest with every batch, queried by the sweep. */
export const SWEEP_SHARD_FIELD = 'sweepShard';

/** Every sweep shard, as the sweep's `in` filter names them (Firestore allows up to 30 values). */
export const EVERY_SWEEP_SHARD: readonly number[] = Array.from({ length: SWEEP_SHARDS }, (_, shard) => shard);

/** A host's sweep shard: its fleet shard (FNV-1a of its name, over 64, a multiple of SWEEP_SHARDS) modulo SWEEP_SHARDS. */
export function sweepShardOf(host: string): number {
  return fleetShardOf(host) % SWEEP_SHARDS;
}
