import type { Aggregate } from '@pulseboard/contracts';

/** The p-th percentile (0-100) of a list, nearest-rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** The events a window (a host's or a fleet shard) counted: every metric's sample count. */
export function eventsCounted(metrics: Readonly<Record<string, Aggregate>>): number {
  return Object.values(metrics).reduce((sum, aggregate) => sum + aggregate.count, 0);
}
