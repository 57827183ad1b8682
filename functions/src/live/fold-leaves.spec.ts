import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARD_METRICS,
  FLEET_LEVEL_MAX,
  FLEET_SHARDS,
  FLEET_WINDOWS,
  GROUP_WINDOWS_KEPT,
  SPARKLINE_WINDOWS,
  fleetGroupDoc,
  fleetLeafCount,
  groupPartsDoc,
  storageSize,
  type Aggregate,
  type GroupPartsDoc,
  type HostDigest,
  type HostWindow,
} from '@pulseboard/contracts';
import { foldLeaves, wholeWindowsOf, type GroupRead, type LeafRead } from './fold-leaves';
import { mergedWindow, shareOf } from './fold-live-overview';

const NOW = 1_800_000_000_000;
const WINDOW_MS = 10_000;

function window(start: number, value: number, count = 1): HostWindow {
  const aggregate: Aggregate = { count, sum: value * count, min: value, max: value, last: value, lastTs: start + 1 };
  return { start, metrics: { cpu: aggregate, requests: aggregate }, errorCount: count };
}

function digest(lastSeen: number): HostDigest {
  return { lastSeen, metrics: { cpu: { value: 1, ts: lastSeen } }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null };
}

/** A leaf document's windows as the truth: by leaf, then by start. */
type Leaves = Map<number, Map<number, HostWindow>>;

function leafRead(leaves: Leaves, leaf: number, hosts: Record<string, HostDigest> = {}): LeafRead {
  return { leaf, windows: [...(leaves.get(leaf)?.values() ?? [])].sort((a, b) => a.start - b.start), hourWindows: [], hosts };
}

interface State {
  parts: GroupPartsDoc | undefined;
  group: GroupRead | undefined;
}

/** One fold as the task runs it: the whole windows served from the truth. */
function fold(state: State, leaves: Leaves, changed: readonly number[], now = NOW): State {
  const changedLeaves = changed.map((leaf) => leafRead(leaves, leaf));
  const whole = wholeWindowsOf(state.parts, state.group, changedLeaves);
  const wholeWindows = new Map(whole.map((start) => [start, [...leaves].flatMap(([leaf, windows]) => {
    const stored = windows.get(start);
    return stored === undefined ? [] : [{ ...stored, shard: leaf }];
  })]));
  const result = foldLeaves({ ...state, changedLeaves, wholeWindows, now });
  expect(groupPartsDoc.safeParse(result.parts).success).toBe(true);
  expect(fleetGroupDoc.safeParse({ shard: 0, ...result.doc }).success).toBe(true);
  return { parts: result.parts, group: { windows: result.doc.windows['10s'], hourWindows: [], hosts: result.doc.hosts, metricNames: result.doc.metricNames, foldedFromLeaves: true } };
}

/** What the shard's windows must be: each start of the sparkline, the merge of every source's window. */
function truth(sources: readonly Map<number, HostWindow>[]): HostWindow[] {
  const starts = [...new Set(sources.flatMap((windows) => [...windows.keys()]))];
  const newest = Math.max(...starts);
  return starts
    .filter((start) => start > newest - SPARKLINE_WINDOWS * WINDOW_MS)
    .sort((a, b) => a - b)
    .map((start) => {
      const { metrics, errors } = mergedWindow(start, sources.flatMap((windows) => {
        const stored = windows.get(start);
        return stored === undefined ? [] : [shareOf(stored)];
      }));
      return { start, metrics, errorCount: errors };
    });
}

const writes = fc.array(
  fc.record({ window: fc.nat(SPARKLINE_WINDOWS + 10), leaf: fc.nat(5), value: fc.integer({ min: -1_000, max: 1_000 }), count: fc.integer({ min: 1, max: 5 }) }),
  { minLength: 1, maxLength: 60 },
);

/** Runs the writes through folds cut at `cuts`; each write sets one leaf's window to a fresh value. */
function run(initial: State, writesToRun: readonly { window: number; leaf: number; value: number; count: number }[], cuts: readonly number[]): { state: State; leaves: Leaves } {
  const leaves: Leaves = new Map();
  let state = initial;
  let changed = new Set<number>();
  const boundaries = new Set([...cuts, writesToRun.length - 1]);
  writesToRun.forEach(({ window: w, leaf, value, count }, index) => {
    const windows = leaves.get(leaf) ?? new Map<number, HostWindow>();
    windows.set(NOW + w * WINDOW_MS, window(NOW + w * WINDOW_MS, value, count));
    leaves.set(leaf, windows);
    changed.add(leaf);
    if (boundaries.has(index)) {
      state = fold(state, leaves, [...changed]);
      changed = new Set();
    }
  });
  return { state, leaves };
}

describe('foldLeaves: windows', () => {
  it("gives each window of the sparkline the merge of its leaves' windows as last written, however the writes fall into folds (late ones included)", () => {
    fc.assert(
      fc.property(writes, fc.array(fc.nat(59), { maxLength: 10 }), (writesToRun, cuts) => {
        const { state, leaves } = run({ parts: undefined, group: undefined }, writesToRun, cuts);
        expect(state.group?.windows).toEqual(truth([...leaves.values()]));
      }),
    );
  });

  it("keeps what level 0's batches put in the shard's windows as one more share, after the tenant's first raise", () => {
    fc.assert(
      fc.property(writes, fc.array(fc.nat(59), { maxLength: 10 }), fc.integer({ min: 1, max: 9 }), (writesToRun, cuts, before) => {
        // The shard as level 0 left it: its windows up to the raise, the newest among them.
        const levelZero = new Map(Array.from({ length: before }, (_, i) => [NOW + (SPARKLINE_WINDOWS + 10 - i) * WINDOW_MS, window(NOW + (SPARKLINE_WINDOWS + 10 - i) * WINDOW_MS, 7, 2)]));
        const group: GroupRead = { windows: [...levelZero.values()].sort((a, b) => a.start - b.start), hourWindows: [], hosts: {}, metricNames: {}, foldedFromLeaves: false };
        // After the raise, leaves add to the newest minute only (GROUP_WINDOWS_KEPT windows): where per-host agents' batches land.
        const recent = writesToRun.map((write) => ({ ...write, window: SPARKLINE_WINDOWS + 10 - (write.window % GROUP_WINDOWS_KEPT) }));
        const { state, leaves } = run({ parts: undefined, group }, recent, cuts);
        expect(state.group?.windows).toEqual(truth([levelZero, ...leaves.values()]));
      }),
    );
  });

  it('rebuilds from every leaf when its parts are lost after folds from leaves', () => {
    const { state, leaves } = run({ parts: undefined, group: undefined }, [{ window: 30, leaf: 1, value: 3, count: 1 }, { window: 31, leaf: 2, value: 4, count: 2 }], [0]);
    const lost = fold({ parts: undefined, group: state.group }, leaves, [2]);
    expect(lost.group?.windows).toEqual(truth([...leaves.values()]));
  });
});

describe('foldLeaves: digests and metric names', () => {
  it("keeps every leaf's hosts, each at its newest digest", () => {
    const group: GroupRead = { windows: [], hourWindows: [], hosts: { a: digest(5), b: digest(9) }, metricNames: {}, foldedFromLeaves: true };
    const leaves: LeafRead[] = [
      { leaf: 1, windows: [], hourWindows: [], hosts: { a: digest(7), c: digest(1) } },
      { leaf: 65, windows: [], hourWindows: [], hosts: { b: digest(3), a: digest(6) } },
    ];
    const { doc } = foldLeaves({ parts: { fingerprints: {}, openWindows: {} }, group, changedLeaves: leaves, wholeWindows: new Map(), now: NOW });
    expect(doc.hosts).toEqual({ a: digest(7), b: digest(9), c: digest(1) });
  });

  it("names the metrics of the leaves' recent hour windows (and, at the first fold, the shard's own), at most as many as a shard's hour window keeps", () => {
    const hour = NOW - (NOW % 3_600_000);
    const sample: Aggregate = { count: 1, sum: 1, min: 1, max: 1, last: 1, lastTs: hour };
    const names = (count: number, prefix: string) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, sample]));
    const group: GroupRead = { windows: [], hourWindows: [{ start: hour - 3_600_000, metrics: names(3, 'old-'), errorCount: 0 }], hosts: {}, metricNames: { gone: hour - 5 * 3_600_000 }, foldedFromLeaves: false };
    const leaf: LeafRead = { leaf: 3, windows: [], hourWindows: [{ start: hour, metrics: names(FLEET_WINDOWS['1h'].metricsKept, 'm-'), errorCount: 0 }], hosts: {} };
    const { doc } = foldLeaves({ parts: undefined, group, changedLeaves: [leaf], wholeWindows: new Map(), now: NOW });
    expect(Object.keys(doc.metricNames)).toHaveLength(FLEET_WINDOWS['1h'].metricsKept);
    expect(doc.metricNames['m-0']).toBe(hour);
    expect(doc.metricNames['gone']).toBeUndefined();
    const few = foldLeaves({ parts: undefined, group, changedLeaves: [], wholeWindows: new Map(), now: NOW });
    expect(few.doc.metricNames).toEqual({ 'old-0': hour - 3_600_000, 'old-1': hour - 3_600_000, 'old-2': hour - 3_600_000 });
  });
});

describe('foldLeaves: size', () => {
  it('keeps the parts of a group of the highest level under 300 KB, with every leaf in every kept window', () => {
    const leavesPerGroup = fleetLeafCount(FLEET_LEVEL_MAX) / FLEET_SHARDS;
    const widest: Aggregate = { count: 2 ** 40, sum: -1.2345678901234567e300, min: -1.2345678901234567e300, max: 1.2345678901234567e300, last: 1.2345678901234567e300, lastTs: NOW };
    const leaves: Leaves = new Map(Array.from({ length: leavesPerGroup }, (_, i) => [i * FLEET_SHARDS + (FLEET_SHARDS - 1), new Map(Array.from({ length: SPARKLINE_WINDOWS }, (_, w) => {
      const start = NOW + w * WINDOW_MS;
      return [start, { start, metrics: Object.fromEntries(CARD_METRICS.map((metric) => [metric, widest])), errorCount: 2 ** 40 }];
    }))]));
    const state = fold({ parts: undefined, group: undefined }, leaves, [...leaves.keys()]);
    expect(Object.keys(state.parts?.openWindows ?? {})).toHaveLength(GROUP_WINDOWS_KEPT);
    for (const byLeaf of Object.values(state.parts?.openWindows ?? {})) expect(Object.keys(byLeaf)).toHaveLength(leavesPerGroup);
    expect(Object.keys(state.parts?.fingerprints ?? {})).toHaveLength(SPARKLINE_WINDOWS);
    const bytes = storageSize(state.parts);
    // The figure DATA-MODEL states; a change of layout or limits must update it there.
    expect(bytes).toBeLessThan(300_000);
    expect(Math.round(bytes / 1_000)).toBe(271);
  });
});
