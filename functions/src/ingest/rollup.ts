import { addMetrics, emptyRecord, ownValue, sampleAggregate, type Aggregate, type LatestSample, type RecentError } from '@pulseboard/contracts';
import type { MetricSample } from '../alerts/evaluate-alert';
import type { TimedEvent } from './validate-events';
import { windowsOf, type WindowSlot } from './windows';

/** Error messages kept per host: enough to see what is failing, bounded in size (windows count errors, keeping none). */
export const RECENT_ERRORS_KEPT = 5;

/** What a window holds, in a host window or a fleet shard: a commutative monoid like Aggregate. */
export interface WindowContent {
  metrics: Record<string, Aggregate>;
  errorCount: number;
}

export interface WindowDelta extends WindowContent {
  slot: WindowSlot;
}

export interface HostDelta {
  host: string;
  lastSeen: number;
  latest: Record<string, LatestSample>;
  /** This batch's samples of each metric of the host, oldest first. */
  samples: Map<string, MetricSample[]>;
  recentErrors: RecentError[];
  /** Keyed by `${resolution}_${start}`. */
  windows: Map<string, WindowDelta>;
}

export interface Rollup {
  /** The batch's first host by name (absent: no event), whose leaf (fleetLeafOf) is the fleet document the batch adds to. */
  firstHost: string | undefined;
  hosts: Map<string, HostDelta>;
  /** The batch's windows of the whole fleet (its shard's share), keyed like a host's by `${resolution}_${start}`. */
  fleet: Map<string, WindowDelta>;
}

/** A window with nothing in it yet; a fresh one each time, since a rollup adds to it in place. */
export function emptyContent(): WindowContent {
  return { metrics: emptyRecord(), errorCount: 0 };
}

/** Newest first, at most RECENT_ERRORS_KEPT; ties broken by code and message so the order is total. */
export function newestErrors(a: readonly RecentError[], b: readonly RecentError[]): RecentError[] {
  return [...a, ...b]
    .sort((x, y) => y.ts - x.ts || x.code.localeCompare(y.code) || x.message.localeCompare(y.message))
    .slice(0, RECENT_ERRORS_KEPT);
}

function recentErrorOf({ code, message, ts }: TimedEvent & { type: 'error' }): RecentError {
  return { code, message, ts };
}

/** Adds one event to a window in place: constant time, however many metrics the window holds. */
function addEvent(window: WindowContent, event: TimedEvent): void {
  if (event.type === 'metric') {
    addMetrics(window.metrics, { [event.metric]: sampleAggregate(event.value, event.ts) });
  } else {
    window.errorCount += 1;
  }
}

function windowOf<Delta extends WindowDelta>(deltas: Map<string, Delta>, key: string, fresh: () => Delta): Delta {
  const delta = deltas.get(key) ?? fresh();
  deltas.set(key, delta);
  return delta;
}

function newHostDelta(host: string): HostDelta {
  return { host, lastSeen: 0, latest: emptyRecord(), samples: new Map(), recentErrors: [], windows: new Map() };
}

/**
 * Folds accepted events, in one pass, into per-host and per-fleet-shard window deltas, each host's
 * latest state and its samples per metric (what the alerts judge), in time linear in the number of
 * events: each event adds in place to its windows.
 *
 * The fleet document a whole batch adds to is the leaf of its first host by name. An agent reporting
 * several hosts then writes one fleet document instead of one per host (fewer writes, and fewer
 * transactions contending on them); an agent of one host keeps its host's stable leaf. A retry
 * carries the same events, so it names the same leaf (at the same fleet level).
 */
export function rollUp(events: readonly TimedEvent[]): Rollup {
  const hosts = new Map<string, HostDelta>();
  const fleet = new Map<string, WindowDelta>();
  let firstHost: string | undefined;
  for (const event of events) {
    if (firstHost === undefined || event.host < firstHost) firstHost = event.host;
    const host = hosts.get(event.host) ?? newHostDelta(event.host);
    hosts.set(event.host, host);
    host.lastSeen = Math.max(host.lastSeen, event.ts);
    if (event.type === 'metric') {
      const previous = ownValue(host.latest, event.metric);
      if (previous === undefined || event.ts >= previous.ts) host.latest[event.metric] = { value: event.value, ts: event.ts };
      const samples = host.samples.get(event.metric) ?? [];
      samples.push({ value: event.value, ts: event.ts });
      host.samples.set(event.metric, samples);
    } else {
      host.recentErrors = newestErrors(host.recentErrors, [recentErrorOf(event)]);
    }
    for (const slot of windowsOf(event.ts)) {
      const windowKey = `${slot.resolution}_${slot.start}`;
      addEvent(windowOf(host.windows, windowKey, () => ({ slot, ...emptyContent() })), event);
      addEvent(windowOf(fleet, windowKey, () => ({ slot, ...emptyContent() })), event);
    }
  }
  for (const host of hosts.values()) for (const samples of host.samples.values()) samples.sort((a, b) => a.ts - b.ts);
  return { firstHost, hosts, fleet };
}
