import { RESOLUTIONS, describeMetric, windowFigure, type CardMetric, type HostDigestsDoc, type LiveWindow } from '@pulseboard/contracts';
import type { HostState } from '../hosts/host-rows';

const WINDOW_MS = RESOLUTIONS['10s'].ms;

/**
 * A card's figure for one window of the live summary, by the metric's registry description
 * (windowFigure): rates and counters are taken over the part of the window elapsed so far, since a
 * window still filling would otherwise read low; a total gauge counts the hosts reporting in it.
 */
export function fleetFigure(metric: CardMetric, window: LiveWindow, now: number, reportingHosts: number): number | null {
  const elapsedMs = Math.min(Math.max(now - window.start, 1_000), WINDOW_MS);
  return windowFigure(describeMetric(metric), { aggregate: window.metrics[metric], errorCount: window.errors, elapsedMs, reportingHosts });
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
