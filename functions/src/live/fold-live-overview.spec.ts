import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARD_METRICS,
  FLEET_SHARDS,
  OPEN_WINDOWS_KEPT,
  SAFE_ID_MAX,
  SPARKLINE_WINDOWS,
  TOP_HOSTS,
  countByStatus,
  hostStatus,
  liveOverviewDoc,
  liveOverviewPartsDoc,
  mergeAggregates,
  statusFields,
  type Aggregate,
  type FleetSettings,
  type HostDigest,
  type HostDigestsDoc,
  type LiveOverviewPartsDoc,
} from '@pulseboard/contracts';
import { emptyParts, extraReads, fingerprintOf, foldLiveOverview, newShares, shardPartOf, type Fold, type ShardWindow } from './fold-live-overview';

const NOW = 1_800_000_000_000;
const SETTINGS: FleetSettings = { thresholds: { cpu: { warning: 80, critical: 95 } }, staleAfterSeconds: 60 };
const KEY = 'settings-a';

/** One shard's 10 s window, as its shard document holds it. */
function shardDoc(start: number, shard: number, value: number, count = 1): ShardWindow {
  const aggregate: Aggregate = { count, sum: value * count, min: value, max: value, last: value, lastTs: start + 1 };
  return { start, shard, metrics: { cpu: aggregate, disk: aggregate }, errorCount: count };
}

function digest(lastSeen: number, cpu: number, errorsPerMinute = 0): HostDigest {
  return { lastSeen, metrics: { cpu: { value: cpu, ts: lastSeen } }, errorsPerMinute, thresholds: {}, silencedUntil: null };
}

/** The parts document of a tenant no fold has run for yet. */
const emptyDoc = (): LiveOverviewPartsDoc => ({ ...emptyParts(KEY), openWindows: {} });

/**
 * One fold as the task runs it: the changed shards' new shares against the parts' fingerprints,
 * extra reads served from `stored` (the truth) and from the parts' kept shares; `doc` is the parts
 * as the task's writes leave them (the head whole, the new shares over the kept ones, dropped windows gone).
 */
function fold(parts: LiveOverviewPartsDoc, changed: readonly ShardWindow[], stored: ReadonlyMap<string, ShardWindow>, digests: readonly HostDigestsDoc[] = [], now = NOW): Fold & { doc: LiveOverviewPartsDoc; keptWindows: number[] } {
  const { openWindows, ...head } = parts;
  const changedShares = newShares(head.fingerprints, changed);
  const extra = extraReads(head, KEY, changedShares, new Set(digests.map((d) => d.shard)), now);
  const keptShares = new Map(extra.keptWindows.map((start) => [start, openWindows[String(start)] ?? {}]));
  const wholeWindows = new Map(extra.wholeWindows.map((start) => [start, [...stored.values()].filter((shard) => shard.start === start)]));
  const result = foldLiveOverview({ parts: head, keptShares, settingsKey: KEY, settings: SETTINGS, changedShares, wholeWindows, digests, now });
  const shares = Object.fromEntries(Object.entries(openWindows).filter(([start]) => !result.dropped.includes(Number(start))));
  for (const [start, byShard] of result.shares) shares[String(start)] = { ...shares[String(start)], ...Object.fromEntries(byShard) };
  return { ...result, doc: { ...result.parts, openWindows: shares }, keptWindows: extra.keptWindows };
}

/** Firestore's stored size of a value (its documented size rules): what a document's 1 MiB bounds. */
function firestoreBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value) + 1;
  if (typeof value === 'number') return 8;
  if (value === null || typeof value === 'boolean') return 1;
  if (Array.isArray(value)) return value.reduce((total: number, item) => total + firestoreBytes(item), 0);
  return Object.entries(value as object).reduce((total, [key, item]) => total + Buffer.byteLength(key) + 1 + firestoreBytes(item), 0);
}

describe('foldLiveOverview: windows', () => {
  it('gives each window the merge of its shards as last written, however the writes fall into folds (late ones included)', () => {
    // More windows than the sparkline's span, so late writes also fall before the windows kept.
    const writes = fc.array(fc.record({ window: fc.nat(SPARKLINE_WINDOWS + 10), shard: fc.nat(FLEET_SHARDS - 1), value: fc.integer({ min: -1_000, max: 1_000 }), count: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(writes, fc.array(fc.nat(59), { maxLength: 10 }), (writes, cuts) => {
        const stored = new Map<string, ShardWindow>();
        let parts = emptyDoc();
        let summary: Fold['summary'] | undefined;
        const boundaries = new Set([...cuts, writes.length]);
        let changed = new Set<number>();
        writes.forEach(({ window, shard, value, count }, index) => {
          const doc = shardDoc(NOW + window * 10_000, shard, value, count);
          // A shard is written whole: the batch's merge of what its window held, here a fresh value.
          stored.set(`${doc.start}_${shard}`, doc);
          changed.add(shard);
          if (boundaries.has(index + 1)) {
            // The fold reads a changed shard's document: every window it holds, not only the one written.
            ({ doc: parts, summary } = fold(parts, [...stored.values()].filter((w) => changed.has(w.shard)), stored));
            changed = new Set();
          }
        });
        const newest = Math.max(...[...stored.values()].map((shard) => shard.start));
        const starts = [...new Set([...stored.values()].map((shard) => shard.start))].filter((start) => start > newest - SPARKLINE_WINDOWS * 10_000).sort((a, b) => a - b);
        const expected = starts.map((start) => {
          const shards = [...stored.values()].filter((shard) => shard.start === start);
          const cpu = shards.reduce<Aggregate | undefined>((total, shard) => mergeAggregates(total, shard.metrics['cpu']), undefined);
          return { start, end: start + 10_000, metrics: { cpu }, errors: shards.reduce((total, shard) => total + shard.errorCount, 0) };
        });
        expect(summary?.windows).toEqual(expected);
        expect(Object.keys(parts.openWindows).length).toBeLessThanOrEqual(OPEN_WINDOWS_KEPT);
        // Every kept share has its fingerprint, and nothing else has one.
        expect(parts.fingerprints).toEqual(Object.fromEntries(Object.entries(parts.openWindows).map(([start, shares]) => [start, Object.fromEntries(Object.entries(shares).map(([shard, share]) => [shard, fingerprintOf(share)]))])));
      }),
    );
  });

  it('keeps only the card metrics, and the sparkline span of windows', () => {
    const stored = new Map<string, ShardWindow>();
    const shards = Array.from({ length: SPARKLINE_WINDOWS + 5 }, (_, i) => shardDoc(NOW + i * 10_000, 0, i));
    for (const shard of shards) stored.set(String(shard.start), shard);
    const { summary } = fold(emptyDoc(), shards, stored);
    expect(summary.windows).toHaveLength(SPARKLINE_WINDOWS);
    expect(summary.windows[0]?.start).toBe(NOW + 5 * 10_000);
    expect(Object.keys(summary.windows[0]?.metrics ?? {})).toEqual(['cpu']);
  });

  it('reads a pruned window whole only when it is still on the sparkline', () => {
    const parts = { ...emptyParts(KEY), fingerprints: { [NOW]: { 1: 1 }, [NOW - 10_000]: { 1: 1 }, [NOW - 20_000]: { 1: 1 } } };
    const changed = newShares(parts.fingerprints, [NOW, NOW - 30_000, NOW - SPARKLINE_WINDOWS * 10_000].map((start) => shardDoc(start, 0, 1)));
    const extra = extraReads(parts, KEY, changed, new Set(), NOW);
    expect(extra.wholeWindows).toEqual([NOW - 30_000]);
    expect(extra.keptWindows).toEqual([NOW]);
  });

  it('reads and writes the shares of the windows that changed only, however many windows a changed shard brings', () => {
    const shards = Array.from({ length: SPARKLINE_WINDOWS }, (_, i) => [shardDoc(NOW + i * 10_000, 0, i), shardDoc(NOW + i * 10_000, 1, i)]).flat();
    const stored = new Map(shards.map((shard) => [`${shard.start}_${shard.shard}`, shard]));
    const first = fold(emptyDoc(), shards, stored);
    expect([...first.shares.values()].reduce((total, shares) => total + shares.size, 0)).toBe(2 * SPARKLINE_WINDOWS);

    // Shard 0's document again: one window grew, the 29 others are as kept.
    const grown = shardDoc(NOW + 10_000, 0, 7, 2);
    stored.set(`${grown.start}_0`, grown);
    const shard0 = [...stored.values()].filter((shard) => shard.shard === 0);
    const second = fold(first.doc, shard0, stored);
    expect(second.keptWindows).toEqual([NOW + 10_000]);
    expect([...second.shares].map(([start, shares]) => [start, [...shares.keys()]])).toEqual([[NOW + 10_000, ['0']]]);
    expect(second.summary.windows[1]?.metrics.cpu).toEqual(mergeAggregates(grown.metrics['cpu'], shardDoc(NOW + 10_000, 1, 1).metrics['cpu']));

    // The same documents once more: nothing changed, nothing is read or written of the shares.
    const third = fold(second.doc, shard0, stored);
    expect(third.keptWindows).toEqual([]);
    expect(third.shares.size).toBe(0);
    expect(third.summary.windows).toEqual(second.summary.windows);
  });
});

describe('foldLiveOverview: hosts', () => {
  const shard0: HostDigestsDoc = { shard: 0, hosts: { a: digest(NOW - 1_000, 99), b: digest(NOW - 30_000, 85, 2), c: digest(NOW - 120_000, 10) } };
  const shard1: HostDigestsDoc = { shard: 1, hosts: { d: digest(NOW - 5_000, 50, 0.01), a: digest(NOW - 500, 97) } };

  it('counts every host of every shard by its status at the fold, as the browser judges it', () => {
    const { summary } = fold(emptyDoc(), [], new Map(), [shard0, shard1]);
    const statuses = [...Object.values(shard0.hosts), ...Object.values(shard1.hosts)].map((d) => hostStatus(statusFields(d), SETTINGS, NOW));
    expect(summary.health).toEqual(countByStatus(statuses));
    expect(summary.hostCount).toBe(5);
  });

  it('lists the top hosts once each, by their newest report', () => {
    const { summary } = fold(emptyDoc(), [], new Map(), [shard0, shard1]);
    expect(summary.topByCpu).toEqual([{ host: 'a', value: 97 }, { host: 'b', value: 85 }, { host: 'd', value: 50 }, { host: 'c', value: 10 }]);
    expect(summary.topByErrors).toEqual([{ host: 'b', value: 2 }]);
  });

  it('folds again when a host turns stale, and then counts it stale without a new report', () => {
    const first = fold(emptyDoc(), [], new Map(), [shard0]);
    const staleAt = NOW - 30_000 + 60_000 + 1;
    expect(first.nextFoldAt).toBe(NOW - 1_000 + 60_000 + 1 > staleAt ? staleAt : NOW - 1_000 + 60_001);
    expect(extraReads(first.parts, KEY, [], new Set(), staleAt - 1).dueShards).toEqual([]);
    expect(extraReads(first.parts, KEY, [], new Set(), staleAt).dueShards).toEqual([0]);
    const later = fold(first.doc, [], new Map(), [shard0], staleAt);
    expect(later.summary.health.stale).toBe(first.summary.health.stale + 1);
  });

  it('judges every shard again when the settings change', () => {
    const first = fold(emptyDoc(), [], new Map(), [shard0, shard1]);
    expect(extraReads(first.parts, 'settings-b', [], new Set([1]), NOW).dueShards).toEqual([0]);
  });

  it('counts the hosts whose newest sample is in the newest window', () => {
    const stored = new Map([['w', shardDoc(NOW - 10_000, 0, 1)]]);
    const { summary } = fold(emptyDoc(), [...stored.values()], stored, [shard0, shard1]);
    // a (twice: one per shard it reported through) and d are in the newest window; b and c are older.
    expect(summary.reporting.cpu).toBe(3);
  });
});

describe('live overview documents: bounds', () => {
  const longHost = (i: number) => `h${String(i).padStart(SAFE_ID_MAX - 1, '0')}`;
  const aggregate: Aggregate = { count: 1e6, sum: -1e15, min: -1e15, max: 1e15, last: 1e15, lastTs: NOW };
  const cards = Object.fromEntries(CARD_METRICS.map((metric) => [metric, aggregate]));
  const windows = Array.from({ length: SPARKLINE_WINDOWS }, (_, i) => ({ start: NOW + i * 10_000, end: NOW + (i + 1) * 10_000, metrics: cards, errors: 1e9 }));
  const hosts = Object.fromEntries(Array.from({ length: 2 * TOP_HOSTS }, (_, i) => [longHost(i), digest(NOW, 1e15, 1e15)]));
  const part = shardPartOf({ shard: 0, hosts }, SETTINGS, NOW);
  const worstPart = { ...part, reporting: Object.fromEntries(CARD_METRICS.map((metric) => [metric, { [NOW]: 1e6, [NOW - 10_000]: 1e6, [NOW - 20_000]: 1e6 }])) };

  it('keeps the summary under 12 KB and the parts under 700 KB in the worst case (so FLEET_SHARDS could not double)', () => {
    const parts = liveOverviewPartsDoc.parse({
      settings: 'f'.repeat(64),
      shards: Object.fromEntries(Array.from({ length: FLEET_SHARDS }, (_, shard) => [String(shard), worstPart])),
      fingerprints: Object.fromEntries(windows.slice(-OPEN_WINDOWS_KEPT).map((w) => [String(w.start), Object.fromEntries(Array.from({ length: FLEET_SHARDS }, (_, shard) => [String(shard), Number.MAX_SAFE_INTEGER]))])),
      openWindows: Object.fromEntries(windows.slice(-OPEN_WINDOWS_KEPT).map((w) => [String(w.start), Object.fromEntries(Array.from({ length: FLEET_SHARDS }, (_, shard) => [String(shard), { metrics: cards, errors: 1e9 }]))])),
      windows,
    });
    const summary = liveOverviewDoc.parse({
      foldedAt: NOW,
      windows,
      reporting: Object.fromEntries(CARD_METRICS.map((metric) => [metric, 1e6])),
      health: part.health,
      hostCount: 1e6,
      topByCpu: part.topByCpu.map(({ host, value }) => ({ host, value })),
      topByErrors: part.topByErrors.map(({ host, value }) => ({ host, value })),
    });
    // The document's name and overhead: tenants/{40 characters}/live/overviewParts, plus 32 bytes.
    const overhead = 100 + 32;
    expect(firestoreBytes(summary) + overhead).toBeLessThan(12_000);
    expect(firestoreBytes({ ...parts, cutoff: 0 }) + overhead).toBeLessThan(700_000);
  });
});
