import {
  RESOLUTIONS,
  describeMetric,
  mergeMetricMaps,
  ownValue,
  windowFigure,
  type Aggregate,
  type FleetWindowDoc,
  type HostDigestsDoc,
} from '@pulseboard/contracts';
import type { HostState } from '../hosts/host-rows';

/** The whole fleet in one 10 s window: the sum of that window's shards. */
export interface FleetWindow {
  readonly start: number;
  readonly end: number;
  readonly metrics: Readonly<Record<string, Aggregate>>;
  readonly errors: number;
}

const WINDOW_MS = RESOLUTIONS['10s'].ms;

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

/** Sums the shards of each 10 s window, by the contracts' one merge, in any order; oldest window first. */
export function sumFleetShards(shards: readonly FleetWindowDoc[]): FleetWindow[] {
  const windows = new Map<number, FleetWindow>();
  for (const shard of shards) {
    if (shard.resolution !== '10s') continue;
    const previous = windows.get(shard.start);
    windows.set(shard.start, {
      start: shard.start,
      end: shard.end,
      // Metric names are the agents' (`constructor` is one): merged into a record without a prototype.
      metrics: mergeMetricMaps(previous?.metrics ?? {}, shard.metrics),
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
 * A card's figure for one window, by the metric's registry description (windowFigure): rates and
 * counters are taken over the part of the window elapsed so far, since a window still filling
 * would otherwise read low; a total gauge counts the hosts reporting in that window.
 */
export function fleetFigure(metric: string, window: FleetWindow, now: number, reportingHosts: number): number | null {
  const elapsedMs = Math.min(Math.max(now - window.start, 1_000), WINDOW_MS);
  return windowFigure(describeMetric(metric), { aggregate: ownValue(window.metrics, metric), errorCount: window.errors, elapsedMs, reportingHosts });
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
