import type { Aggregate } from './metrics';
import { ownValue, recordOf } from './records';

/** The aggregate of one sample. */
export function sampleAggregate(value: number, ts: number): Aggregate {
  return { count: 1, sum: value, min: value, max: value, last: value, lastTs: ts };
}

/**
 * Merges two aggregates of the same metric: the one merge of ingest's windows and of the browser's
 * sum of fleet shards. `undefined` is the identity (no samples), so that min and max need no
 * infinite sentinel, which Firestore and the contracts would not accept. Ties on lastTs keep the
 * larger value, so the merge stays commutative (and associative) whatever order shards arrive in.
 */
export function mergeAggregates(a: Aggregate | undefined, b: Aggregate | undefined): Aggregate | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const bIsNewer = b.lastTs > a.lastTs || (b.lastTs === a.lastTs && b.last > a.last);
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    last: bIsNewer ? b.last : a.last,
    lastTs: bIsNewer ? b.lastTs : a.lastTs,
  };
}

/** Merges two metric -> aggregate maps key by key, into a new prototype-free map. */
export function mergeMetricMaps(
  a: Readonly<Record<string, Aggregate>>,
  b: Readonly<Record<string, Aggregate>>,
): Record<string, Aggregate> {
  const merged = recordOf(Object.entries(a));
  addMetrics(merged, b);
  return merged;
}

/** Adds b's aggregates into `into` in place: linear in the size of b, whatever the size of `into`. */
export function addMetrics(into: Record<string, Aggregate>, b: Readonly<Record<string, Aggregate>>): void {
  for (const [metric, aggregate] of Object.entries(b)) {
    into[metric] = mergeAggregates(ownValue(into, metric), aggregate) ?? aggregate;
  }
}
