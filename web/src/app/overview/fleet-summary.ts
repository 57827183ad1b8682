import { RESOLUTIONS, ownValue, recordOf, type Aggregate, type FleetWindowDoc, type HostDigestsDoc, type WellKnownMetric } from '@pulseboard/contracts';
import type { HostState } from '../hosts/host-rows';

/** The whole fleet in one 10 s window: the sum of that window's shards. */
export interface FleetWindow {
  readonly start: number;
  readonly end: number;
  readonly metrics: Readonly<Record<string, Aggregate>>;
  readonly errors: number;
}

const WINDOW_MS = RESOLUTIONS['10s'].ms;

/** Aggregates form a commutative monoid, so shards merge in any order; `last` keeps the newest sample. */
export function mergeAggregates(a: Aggregate, b: Aggregate): Aggregate {
  const newest = b.lastTs > a.lastTs ? b : a;
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    last: newest.last,
    lastTs: newest.lastTs,
  };
}

/**
 * The shards of a newest-first query capped at `limit` documents, less the oldest window when the
 * cap was reached: that window may have lost some of its shards to the cap, and a partial sum
 * would draw a wrong point. Every window left is whole.
 */
export function withoutCutWindow(shards: readonly FleetWindowDoc[], limit: number): readonly FleetWindowDoc[] {
  if (shards.length < limit) return shards;
  const oldest = Math.min(...shards.map((shard) => shard.start));
  return shards.filter((shard) => shard.start !== oldest);
}

/** Sums the shards of each 10 s window; oldest window first. */
export function sumFleetShards(shards: readonly FleetWindowDoc[]): FleetWindow[] {
  const windows = new Map<number, FleetWindow>();
  for (const shard of shards) {
    if (shard.resolution !== '10s') continue;
    const previous = windows.get(shard.start);
    // Metric names are the agents' (`constructor` is one): a record without a prototype, read by own keys.
    const metrics = recordOf(Object.entries(previous?.metrics ?? {}));
    for (const [metric, aggregate] of Object.entries(shard.metrics)) {
      const known = ownValue(metrics, metric);
      metrics[metric] = known ? mergeAggregates(known, aggregate) : aggregate;
    }
    windows.set(shard.start, {
      start: shard.start,
      end: shard.end,
      metrics,
      errors: (previous?.errors ?? 0) + shard.errors.count,
    });
  }
  return [...windows.values()].sort((a, b) => a.start - b.start);
}

/**
 * The window the cards show: the newest one with data. While the fleet reports that is the
 * current 10 s window; a quiet fleet keeps showing its last known figures rather than blanks.
 */
export function latestWindow(windows: readonly FleetWindow[]): FleetWindow | null {
  return windows.at(-1) ?? null;
}

/**
 * A card's figure for one window, with the semantics of WELL_KNOWN_METRICS:
 * cpu is the mean; requests are deltas, shown per second over the part of the window elapsed
 * so far (a window still filling would otherwise read low); active_users is the mean per host
 * times the hosts reporting in that window.
 */
export function fleetFigure(
  metric: WellKnownMetric,
  window: FleetWindow,
  now: number,
  reportingHosts: number,
): number | null {
  const aggregate = window.metrics[metric];
  if (!aggregate || aggregate.count === 0) return null;
  switch (metric) {
    case 'cpu':
      return aggregate.sum / aggregate.count;
    case 'requests': {
      const elapsedMs = Math.min(Math.max(now - window.start, 1_000), WINDOW_MS);
      return aggregate.sum / (elapsedMs / 1_000);
    }
    case 'active_users':
      return (aggregate.sum / aggregate.count) * Math.max(reportingHosts, 1);
  }
}

/**
 * The newest state of each host the digests know: a host whose batches chose more than one shard
 * has a digest in each, and the one seen last is its state.
 */
export function newestHostStates(digests: readonly HostDigestsDoc[]): HostState[] {
  const newest = new Map<string, HostState>();
  for (const { hosts } of digests) {
    for (const [host, digest] of Object.entries(hosts)) {
      if (digest.lastSeen > (newest.get(host)?.lastSeen ?? Number.NEGATIVE_INFINITY)) newest.set(host, { host, ...digest });
    }
  }
  return [...newest.values()];
}
