import type { Aggregate } from '@pulseboard/contracts';

/** The p-th percentile (0-100) of a list, nearest-rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** The median of a list: the middle value, or the mean of the two middle ones; NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The events a window (a host's or a fleet shard) counted: every metric's sample count. */
export function eventsCounted(metrics: Readonly<Record<string, Aggregate>>): number {
  return Object.values(metrics).reduce((sum, aggregate) => sum + aggregate.count, 0);
}
