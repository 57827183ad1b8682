import type { Aggregate, LatestSample, RecentError } from '@pulseboard/contracts';
import { mergeMetricMaps, sampleAggregate } from './aggregate';
import { fleetShardOf } from './fleet-shard';
import type { TimedEvent } from './validate-events';
import { windowsOf, type WindowSlot } from './windows';

/** Error messages kept per window and per host: enough to see what is failing, bounded in size. */
export const RECENT_ERRORS_KEPT = 5;

/** What a window holds, in a host window or a fleet shard: a commutative monoid like Aggregate. */
export interface WindowContent {
  metrics: Record<string, Aggregate>;
  errorCount: number;
  recentErrors: RecentError[];
}

export interface WindowDelta extends WindowContent {
  slot: WindowSlot;
}

export interface HostDelta {
  host: string;
  lastSeen: number;
  latest: Record<string, LatestSample>;
  recentErrors: RecentError[];
  /** Keyed by `${resolution}_${start}`. */
  windows: Map<string, WindowDelta>;
}

export interface FleetDelta extends WindowDelta {
  shard: number;
}

export interface Rollup {
  /** The fleet shard this batch adds to (batchShard). */
  shard: number;
  hosts: Map<string, HostDelta>;
  /** Keyed by `${resolution}_${start}_${shard}`. */
  fleet: Map<string, FleetDelta>;
}

export const EMPTY_CONTENT: WindowContent = { metrics: {}, errorCount: 0, recentErrors: [] };

/** Newest first, at most RECENT_ERRORS_KEPT; ties broken by code and message so the order is total. */
export function newestErrors(a: readonly RecentError[], b: readonly RecentError[]): RecentError[] {
  return [...a, ...b]
    .sort((x, y) => y.ts - x.ts || x.code.localeCompare(y.code) || x.message.localeCompare(y.message))
    .slice(0, RECENT_ERRORS_KEPT);
}

export function mergeWindowContent(a: WindowContent, b: WindowContent): WindowContent {
  return {
    metrics: mergeMetricMaps(a.metrics, b.metrics),
    errorCount: a.errorCount + b.errorCount,
    recentErrors: newestErrors(a.recentErrors, b.recentErrors),
  };
}

function contentOf(event: TimedEvent): WindowContent {
  return event.type === 'metric'
    ? { metrics: { [event.metric]: sampleAggregate(event.value, event.ts) }, errorCount: 0, recentErrors: [] }
    : { metrics: {}, errorCount: 1, recentErrors: [{ code: event.code, message: event.message, ts: event.ts }] };
}

function addTo<Delta extends WindowDelta>(deltas: Map<string, Delta>, key: string, fresh: () => Delta, content: WindowContent): void {
  const current = deltas.get(key) ?? fresh();
  deltas.set(key, { ...current, ...mergeWindowContent(current, content) });
}

/**
 * The fleet shard a whole batch adds to: the shard of its first host by name. An agent reporting
 * several hosts then writes one shard per window instead of one per host (fewer writes, and fewer
 * transactions contending on shards); an agent of one host keeps its host's stable shard. A retry
 * carries the same events, so it names the same shard.
 */
function batchShard(events: readonly TimedEvent[]): number {
  let first: string | undefined;
  for (const { host } of events) if (first === undefined || host < first) first = host;
  return first === undefined ? 0 : fleetShardOf(first);
}

/** Folds accepted events into per-host and per-fleet-shard window deltas and each host's latest state. */
export function rollUp(events: readonly TimedEvent[]): Rollup {
  const hosts = new Map<string, HostDelta>();
  const fleet = new Map<string, FleetDelta>();
  const shard = batchShard(events);
  for (const event of events) {
    const host: HostDelta = hosts.get(event.host) ?? { host: event.host, lastSeen: 0, latest: {}, recentErrors: [], windows: new Map() };
    hosts.set(event.host, host);
    host.lastSeen = Math.max(host.lastSeen, event.ts);
    if (event.type === 'metric') {
      const previous = host.latest[event.metric];
      if (previous === undefined || event.ts >= previous.ts) host.latest[event.metric] = { value: event.value, ts: event.ts };
    }
    const content = contentOf(event);
    host.recentErrors = newestErrors(host.recentErrors, content.recentErrors);
    for (const slot of windowsOf(event.ts)) {
      const windowKey = `${slot.resolution}_${slot.start}`;
      addTo(host.windows, windowKey, () => ({ slot, ...EMPTY_CONTENT }), content);
      addTo(fleet, `${windowKey}_${shard}`, () => ({ slot, shard, ...EMPTY_CONTENT }), content);
    }
  }
  return { shard, hosts, fleet };
}
