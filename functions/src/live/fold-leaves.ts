import {
  FLEET_WINDOWS,
  GROUP_WINDOWS_KEPT,
  HOST_DIGESTS_KEPT_PER_SHARD,
  RESOLUTIONS,
  SPARKLINE_WINDOWS,
  recordOf,
  windowStart,
  type FleetGroupDoc,
  type GroupPartsDoc,
  type HostDigest,
  type HostWindow,
  type LiveWindow,
  type WindowShare,
} from '@pulseboard/contracts';
import { newestEntries } from '../ingest/newest-entries';
import { fingerprintOf, mergedWindow, newShares, shareOf, shardWindowsOf, type ShardWindow } from './fold-live-overview';

const WINDOW_MS = RESOLUTIONS['10s'].ms;
const HOUR_MS = RESOLUTIONS['1h'].ms;

/**
 * The source name of the shard's own windows at the first fold after its tenant's first raise: what
 * batches added to the shard at level 0 stays in the windows it is in, as one more leaf's share.
 */
export const LEVEL_ZERO_SHARE = 'shard';

/** What the fold reads of a leaf document: its 10 s windows, the metric names of its 1 h windows, its digests. */
export interface LeafRead {
  leaf: number;
  windows: readonly HostWindow[];
  hourWindows: readonly HostWindow[];
  hosts: Readonly<Record<string, HostDigest>>;
}

/** The shard document as the fold read it: written by its last fold, or by level 0's batches before the raise. */
export interface GroupRead {
  windows: readonly HostWindow[];
  hourWindows: readonly HostWindow[];
  hosts: Readonly<Record<string, HostDigest>>;
  metricNames: Readonly<Record<string, number>>;
  foldedFromLeaves: boolean;
}

export interface GroupFoldInput {
  /** The parts as read; undefined when there are none (the first fold) or they fail their contract. */
  parts: GroupPartsDoc | undefined;
  /** The shard document as read; undefined when there is none. */
  group: GroupRead | undefined;
  /** The leaves written since the last fold. */
  changedLeaves: readonly LeafRead[];
  /** Every leaf's window of each window of `wholeWindowsOf`, by start. */
  wholeWindows: ReadonlyMap<number, readonly ShardWindow[]>;
  now: number;
}

export interface GroupFold {
  parts: GroupPartsDoc;
  doc: Omit<FleetGroupDoc, 'shard'>;
}

/** A merged window in the shape a shard document holds its 10 s windows. */
function hostWindowOf({ start, metrics, errors }: LiveWindow): HostWindow {
  return { start, metrics, errorCount: errors };
}

function newestStartOf(parts: GroupPartsDoc | undefined, group: GroupRead | undefined, changedLeaves: readonly LeafRead[]): number {
  const starts = [
    ...Object.keys(parts?.fingerprints ?? {}).map(Number),
    ...(group?.windows ?? []).map((window) => window.start),
    ...changedLeaves.flatMap((leaf) => leaf.windows.map((window) => window.start)),
  ];
  return starts.length === 0 ? Number.NEGATIVE_INFINITY : Math.max(...starts);
}

/** The oldest start on the sparkline, and the oldest whose shares are kept, given the newest. */
function spanOf(newest: number) {
  return { sparklineFrom: newest - (SPARKLINE_WINDOWS - 1) * WINDOW_MS, keptFrom: newest - (GROUP_WINDOWS_KEPT - 1) * WINDOW_MS };
}

/**
 * The windows the fold of a group must read from every leaf of the group before folding: a changed
 * leaf's window of the sparkline whose shares are not kept (late data); and when the parts are lost
 * while the shard was folded from leaves already, every window of the sparkline (a rebuild).
 */
export function wholeWindowsOf(parts: GroupPartsDoc | undefined, group: GroupRead | undefined, changedLeaves: readonly LeafRead[]): number[] {
  const { sparklineFrom, keptFrom } = spanOf(newestStartOf(parts, group, changedLeaves));
  if (parts === undefined && group?.foldedFromLeaves === true) {
    const starts = new Set([...group.windows.map((window) => window.start), ...changedLeaves.flatMap((leaf) => leaf.windows.map((window) => window.start))]);
    return [...starts].filter((start) => start >= sparklineFrom).sort((a, b) => a - b);
  }
  const changed = newShares(parts?.fingerprints ?? {}, changedLeaves.flatMap((leaf) => shardWindowsOf(leaf.leaf, leaf.windows)));
  return [...new Set(changed.map((share) => share.start))].filter((start) => start >= sparklineFrom && start < keptFrom).sort((a, b) => a - b);
}

/**
 * The digests of the shard's hosts after its leaves': each host at its newest (a host whose
 * collector's first host moved leaf, or changed, is in more than one), at most as many as a shard keeps.
 */
function newestDigests(stored: Readonly<Record<string, HostDigest>>, leaves: readonly LeafRead[]): Record<string, HostDigest> {
  const newest = new Map(Object.entries(stored));
  for (const leaf of leaves) {
    for (const [host, digest] of Object.entries(leaf.hosts)) if (digest.lastSeen >= (newest.get(host)?.lastSeen ?? Number.NEGATIVE_INFINITY)) newest.set(host, digest);
  }
  return newestEntries(recordOf(newest), HOST_DIGESTS_KEPT_PER_SHARD, (digest) => digest.lastSeen);
}

function metricNamesAfter(group: GroupRead | undefined, changedLeaves: readonly LeafRead[], now: number): Record<string, number> {
  const seen = new Map<string, number>(Object.entries(group?.metricNames ?? {}));
  // At the first fold after the raise, the names the shard's own hour windows hold.
  const hourWindows = [...(group?.foldedFromLeaves === false ? group.hourWindows : []), ...changedLeaves.flatMap((leaf) => leaf.hourWindows)];
  for (const window of hourWindows) {
    for (const name of Object.keys(window.metrics)) seen.set(name, Math.max(seen.get(name) ?? window.start, window.start));
  }
  // The hours a shard's own hour windows would still hold at level 0.
  const from = windowStart(now, '1h') - 2 * HOUR_MS;
  const recent = recordOf([...seen].filter(([, start]) => start >= from));
  return newestEntries(recent, FLEET_WINDOWS['1h'].metricsKept, (start) => start);
}

/**
 * One fold of a group of leaves into its shard document: pure, so the merge, the bounds and the
 * first fold after a raise are tested without the emulator. Each window of the sparkline is the
 * merge of its leaves' shares as last written (the contracts' one merge, as the tenant's fold sums
 * shards), the digests are the newest of every leaf's, and the shard's own windows from level 0
 * stay in as one more share (LEVEL_ZERO_SHARE) until they leave the sparkline.
 */
export function foldLeaves({ parts, group, changedLeaves, wholeWindows, now }: GroupFoldInput): GroupFold {
  const { sparklineFrom, keptFrom } = spanOf(newestStartOf(parts, group, changedLeaves));
  const fingerprints = new Map(Object.entries(parts?.fingerprints ?? {}).map(([start, byLeaf]) => [Number(start), new Map(Object.entries(byLeaf))]));
  const shares = new Map(Object.entries(parts?.openWindows ?? {}).map(([start, byLeaf]) => [Number(start), new Map<string, WindowShare>(Object.entries(byLeaf))]));
  const sharesOf = (start: number) => shares.get(start) ?? shares.set(start, new Map()).get(start) ?? new Map<string, WindowShare>();
  const fingerprintsOf = (start: number) => fingerprints.get(start) ?? fingerprints.set(start, new Map()).get(start) ?? new Map<string, number>();
  if (parts === undefined && group !== undefined && !group.foldedFromLeaves) {
    for (const window of group.windows) if (window.start >= keptFrom) sharesOf(window.start).set(LEVEL_ZERO_SHARE, shareOf(window));
  }

  const merged = new Map((group?.windows ?? []).map((window) => [window.start, window]));
  const changed = newShares(parts?.fingerprints ?? {}, changedLeaves.flatMap((leaf) => shardWindowsOf(leaf.leaf, leaf.windows)));
  const touched = new Set<number>();
  for (const { start, shard: leaf, share, fingerprint } of changed) {
    if (start < sparklineFrom || wholeWindows.has(start)) continue;
    // Within the kept windows (wholeWindowsOf sends the older ones to be read from every leaf).
    fingerprintsOf(start).set(leaf, fingerprint);
    sharesOf(start).set(leaf, share);
    touched.add(start);
  }
  for (const start of touched) merged.set(start, hostWindowOf(mergedWindow(start, [...sharesOf(start).values()])));
  for (const [start, leaves] of wholeWindows) {
    // No leaf holds the window (any more): neither does the shard.
    if (leaves.length === 0) {
      merged.delete(start);
      continue;
    }
    const leafShares = new Map(leaves.map((window) => [String(window.shard), shareOf(window)]));
    fingerprints.set(start, new Map([...leafShares].map(([leaf, share]) => [leaf, fingerprintOf(share)])));
    if (start >= keptFrom) shares.set(start, leafShares);
    merged.set(start, hostWindowOf(mergedWindow(start, [...leafShares.values()])));
  }

  const windows = [...merged.values()].filter((window) => window.start >= sparklineFrom).sort((a, b) => a.start - b.start);
  const hosts = newestDigests(group?.hosts ?? {}, changedLeaves);
  return {
    parts: {
      fingerprints: recordOf([...fingerprints].filter(([start]) => start >= sparklineFrom).map(([start, byLeaf]) => [String(start), recordOf(byLeaf)])),
      openWindows: recordOf([...shares].filter(([start]) => start >= keptFrom).map(([start, byLeaf]) => [String(start), recordOf(byLeaf)])),
    },
    doc: { windows: { '10s': windows, '1m': [], '1h': [] }, hosts, metricNames: metricNamesAfter(group, changedLeaves, now), foldedFromLeaves: true },
  };
}
