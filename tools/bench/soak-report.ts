/**
 * The arithmetic of `npm run bench:soak`, kept pure so it is unit-tested: reconciling what the
 * agents were told was stored with what the windows counted, latency per time slice, and drift.
 */
import { median, percentile } from './stats';

export interface Reconciliation {
  /** Events an agent was told were stored that no window counted. */
  lost: number;
  /** Events the windows counted more often than agents were told they were stored. */
  doubled: number;
  /** Hosts whose counts differ, at most ten, for the report. */
  hostsOff: string[];
}

/** Per host, the agents' ledger against the windows' counts; a host missing on one side counts as 0 there. */
export function reconcile(expected: ReadonlyMap<string, number>, counted: ReadonlyMap<string, number>): Reconciliation {
  let lost = 0;
  let doubled = 0;
  const hostsOff: string[] = [];
  for (const host of new Set([...expected.keys(), ...counted.keys()])) {
    const difference = (counted.get(host) ?? 0) - (expected.get(host) ?? 0);
    if (difference === 0) continue;
    if (difference < 0) lost -= difference;
    else doubled += difference;
    if (hostsOff.length < 10) hostsOff.push(host);
  }
  return { lost, doubled, hostsOff };
}

/** Who sent a request: a per-host agent (one host's small batch) or a collector (a batch of many hosts). */
export type LatencySource = 'agent' | 'collector';

export interface TimedLatency {
  /** When the request was first sent, epoch ms. */
  sentAt: number;
  ms: number;
  batchId: string;
  source: LatencySource;
}

export interface LatencySlice {
  /** Minutes from the start of the run to the start of the slice. */
  fromMinute: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
}

/** Latency percentiles per consecutive slice of `sliceMs` from `start`; empty slices are left out. */
export function latencySlices(latencies: readonly Pick<TimedLatency, 'sentAt' | 'ms'>[], start: number, sliceMs: number): LatencySlice[] {
  const slices = new Map<number, number[]>();
  for (const { sentAt, ms } of latencies) {
    const index = Math.max(0, Math.floor((sentAt - start) / sliceMs));
    const slice = slices.get(index) ?? [];
    slice.push(ms);
    slices.set(index, slice);
  }
  return [...slices.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, values]) => ({
      fromMinute: (index * sliceMs) / 60_000,
      requests: values.length,
      p50Ms: Math.round(percentile(values, 50)),
      p99Ms: Math.round(percentile(values, 99)),
    }));
}

/**
 * How the end of a series compares with its start: the median of its last third over the median
 * of its first third (1 = flat, 1.5 = half as much again). Thirds and medians, so one noisy sample
 * on this shared machine does not read as a trend; a true median (the mean of the middle two of an
 * even third), so six 5-minute slices do not compare one slice with one. NaN with fewer than three values.
 */
export function driftRatio(series: readonly number[]): number {
  if (series.length < 3) return Number.NaN;
  const third = Math.floor(series.length / 3);
  const first = median(series.slice(0, third));
  const last = median(series.slice(series.length - third));
  return Math.round((last / first) * 100) / 100;
}
