import { FLEET_LEVEL_MAX, FLEET_SHARDS, LEAF_RAISE_BATCHES_PER_MINUTE, type BatchRate } from '@pulseboard/contracts';
import { fleetLeafOf } from './fleet-shard';

const MINUTE_MS = 60_000;

/**
 * The fleet document a batch adds to at a fleet level: the shard of its first host at level 0
 * (`fleetShards`), its leaf past it (`fleetLeaves`, in the group of its shard). A batch with no event
 * names none and adds to shard 0 (it adds nothing to its windows).
 */
export interface FleetTarget {
  level: number;
  leaf: number;
}

export function fleetTargetOf(firstHost: string | undefined, level: number): FleetTarget {
  return { level, leaf: firstHost === undefined ? 0 : fleetLeafOf(firstHost, level) };
}

/** The shard a leaf's group fold writes: the leaf modulo FLEET_SHARDS. */
export function groupOfLeaf(leaf: number): number {
  return leaf % FLEET_SHARDS;
}

/**
 * A fleet document's batch rate after one more batch at `now` at a fleet level: the count of a
 * minute more than one ago is forgotten, and so is a count of another level (a leaf that took its
 * share of a busier leaf's batches before a raise starts again).
 */
export function countBatch(rate: BatchRate | undefined, level: number, now: number): BatchRate {
  const minute = Math.floor(now / MINUTE_MS);
  if (rate === undefined || rate.level !== level || rate.minute < minute - 1) return { level, minute, count: 1, previous: 0 };
  if (rate.minute === minute - 1) return { level, minute, count: 1, previous: rate.count };
  // The same minute, or a later one another instance's clock counted in: added to it.
  return { ...rate, count: rate.count + 1 };
}

/**
 * The level a batch raises its tenant to after its fleet document counted it: one more when the
 * document took LEAF_RAISE_BATCHES_PER_MINUTE batches within a minute (this one or the last), so
 * no fleet document stays at one sustained write a second for more than a minute, up to
 * FLEET_LEVEL_MAX. Undefined: no raise.
 */
export function raisedLevel(rate: BatchRate, level: number): number | undefined {
  if (level >= FLEET_LEVEL_MAX) return undefined;
  return Math.max(rate.count, rate.previous) >= LEAF_RAISE_BATCHES_PER_MINUTE ? level + 1 : undefined;
}
