import { FLEET_LEVEL_MAX, FLEET_SHARDS, LEAF_RAISE_BATCHES_PER_MINUTE, fleetLeafCount, type BatchRate } from '@pulseboard/contracts';
import { fleetLeafOf } from './fleet-shard';

/** The minute a fleet document's batch rate counts in: calendar minutes since epoch, as `countBatch` reads `now`. */
export const BATCH_RATE_MINUTE_MS = 60_000;

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

/** The shard a leaf is folded into: the leaf modulo FLEET_SHARDS. */
export function groupOfLeaf(leaf: number): number {
  return leaf % FLEET_SHARDS;
}

/**
 * Whether a batch's leaf at the next level would be the upper of the two its document splits into
 * (false at FLEET_LEVEL_MAX, where nothing splits): what a raise would do with it.
 */
export function goesUpper(target: FleetTarget, firstHost: string | undefined): boolean {
  return target.level < FLEET_LEVEL_MAX && firstHost !== undefined && fleetLeafOf(firstHost, target.level + 1) >= fleetLeafCount(target.level);
}

/**
 * A fleet document's batch rate after one more batch at `now` at a fleet level: the count of a
 * minute more than one ago is forgotten, and so is a count of another level (a leaf that took its
 * share of a busier leaf's batches before a raise starts again). `upper` counts the batches a raise
 * would move to the document's new sibling.
 */
export function countBatch(rate: BatchRate | undefined, level: number, now: number, upper: boolean): BatchRate {
  const minute = Math.floor(now / BATCH_RATE_MINUTE_MS);
  const fresh = { level, minute, count: 1, upper: upper ? 1 : 0 };
  if (rate === undefined || rate.level !== level || rate.minute < minute - 1) return { ...fresh, previous: 0, previousUpper: 0 };
  if (rate.minute === minute - 1) return { ...fresh, previous: rate.count, previousUpper: rate.upper };
  // The same minute, or a later one another instance's clock counted in: added to it.
  return { ...rate, count: rate.count + 1, upper: rate.upper + (upper ? 1 : 0) };
}

/** A minute's batches of one document that a raise would split between two (none would stay alone). */
function splits(count: number, upper: number): boolean {
  return count >= LEAF_RAISE_BATCHES_PER_MINUTE && upper > 0 && upper < count;
}

/**
 * The level a batch raises its tenant to after its fleet document counted it: one more when the
 * document took LEAF_RAISE_BATCHES_PER_MINUTE batches within a minute (this one or the last) and a
 * raise would split them, so no fleet document stays at one sustained write a second for more than
 * a minute, up to FLEET_LEVEL_MAX. Not when they all come from leaves that would stay together: one
 * agent posting every second writes one document whatever the level, and a raise would only add
 * the cost of folding leaves. Undefined: no raise.
 */
export function raisedLevel(rate: BatchRate, level: number): number | undefined {
  if (level >= FLEET_LEVEL_MAX) return undefined;
  return splits(rate.count, rate.upper) || splits(rate.previous, rate.previousUpper) ? level + 1 : undefined;
}
