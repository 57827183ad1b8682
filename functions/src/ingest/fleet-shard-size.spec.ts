import { describe, expect, it } from 'vitest';
import {
  CARD_METRICS,
  DIGEST_METRICS,
  DIGEST_OTHER_METRICS,
  FLEET_LEVEL_MAX,
  FLEET_WINDOWS,
  fleetLeafCount,
  HOST_DIGESTS_KEPT_PER_SHARD,
  INGEST_LIMITS,
  storageSize,
  WINDOW_CLOSE_MS,
  type FleetLeafDoc,
  type HostDigest,
} from '@pulseboard/contracts';
import { LONGEST_TENANT_PATH, MIB, documentSize, longName } from '../shared/storage-size.fixture';
import { planBatch, type StoredShard } from './plan-batch';
import { rollUp } from './rollup';
import type { TimedEvent } from './validate-events';

const START = 1_795_400_000_000;
const FLUSH_MS = 10_000;
const HOST = longName('host-', 0);
/** More names than an hour window keeps, a slice of them in each batch. */
const WIDE = Array.from({ length: FLEET_WINDOWS['1h'].metricsKept + 100 }, (_, i) => longName('metric-', i));
const SLICE = 40;

/** The widest digest: a 64-character name, every digest metric's value and override, its widest other metrics, a silence. */
function worstDigest(lastSeen: number): HostDigest {
  const levels = { warning: -1e15, critical: 1e15 };
  const others = Array.from({ length: DIGEST_OTHER_METRICS }, (_, i) => longName('other-metric-', i));
  return {
    lastSeen,
    metrics: Object.fromEntries([...DIGEST_METRICS, ...others].map((metric) => [metric, { value: -1e15, ts: lastSeen }])),
    errorsPerMinute: 1e15,
    thresholds: Object.fromEntries(DIGEST_METRICS.map((metric) => [metric, levels])),
    silencedUntil: lastSeen * 2,
  };
}

/**
 * Batch `i`: the card metrics and a slice of the wide names, each at the edges of what validation
 * accepts (15 minutes late, 1 minute ahead) and now, so every window of the shard fills to its bound.
 */
function worstBatch(now: number, i: number): TimedEvent[] {
  const names = [...CARD_METRICS, ...Array.from({ length: SLICE }, (_, j) => WIDE[(i * SLICE + j) % WIDE.length] ?? 'cpu')];
  const times = [now - INGEST_LIMITS.maxLatenessMs, now, now + INGEST_LIMITS.maxFutureSkewMs];
  return times.flatMap((ts) => names.map((metric, j): TimedEvent => ({ type: 'metric', host: HOST, metric, value: -1e15 + j, ts })));
}

describe('the fleet shard document, worst case', () => {
  it('stays under 1 MiB and within its window and digest counts through 80 minutes of the widest batches', () => {
    // A shard already full of the widest digests of other hosts, all older than this host's.
    let shard: StoredShard = {
      hosts: Object.fromEntries(Array.from({ length: HOST_DIGESTS_KEPT_PER_SHARD }, (_, i) => [longName('other-', i), worstDigest(START - 1_000_000 + i)])),
    };
    // The longest name a fleet document has: the last leaf at the highest level.
    const path = `${LONGEST_TENANT_PATH}/fleetLeaves/${fleetLeafCount(FLEET_LEVEL_MAX) - 1}`;
    let largest = 0;
    let largestChunk = 0;
    for (let now = START, i = 0; now < START + 80 * 60_000; now += FLUSH_MS, i++) {
      const plan = planBatch(rollUp(worstBatch(now, i)), { policy: { thresholds: {}, sustainSeconds: 0 }, hosts: new Map(), fleetTarget: { level: FLEET_LEVEL_MAX, leaf: fleetLeafCount(FLEET_LEVEL_MAX) - 1 }, fleet: shard, activeAlerts: new Map() }, now);
      const doc: FleetLeafDoc = { ...plan.fleet.doc, hosts: { ...plan.fleet.doc.hosts, [HOST]: worstDigest(now) } };
      shard = doc;
      // updatedAt, a timestamp, is written beside the contract's fields.
      largest = Math.max(largest, documentSize(path, doc) + storageSize('updatedAt') + 8);
      for (const chunk of plan.fleet.chunks) largestChunk = Math.max(largestChunk, documentSize(`${LONGEST_TENANT_PATH}/fleetChunks/leaf-${fleetLeafCount(FLEET_LEVEL_MAX) - 1}_1m_${chunk.start}`, chunk));
      expect(doc.windows['10s'].length).toBeLessThanOrEqual((FLEET_WINDOWS['10s'].closeMs + INGEST_LIMITS.maxFutureSkewMs) / 10_000 + 1);
      expect(doc.windows['1m'].length).toBeLessThanOrEqual((WINDOW_CLOSE_MS + FLEET_WINDOWS['1m'].chunkMs + INGEST_LIMITS.maxFutureSkewMs) / 60_000 + 1);
      expect(doc.windows['1h'].length).toBeLessThanOrEqual(3);
      for (const window of doc.windows['10s']) expect(Object.keys(window.metrics).every((metric) => (CARD_METRICS as readonly string[]).includes(metric))).toBe(true);
      for (const window of doc.windows['1m']) expect(Object.keys(window.metrics).length).toBeLessThanOrEqual(FLEET_WINDOWS['1m'].metricsKept);
      for (const window of doc.windows['1h']) expect(Object.keys(window.metrics).length).toBeLessThanOrEqual(FLEET_WINDOWS['1h'].metricsKept);
      expect(Object.keys(doc.hosts).length).toBeLessThanOrEqual(HOST_DIGESTS_KEPT_PER_SHARD);
    }
    // The worst case was reached: full hour windows, full minute windows, every digest kept.
    expect(Math.max(...(shard.windows?.['1h'] ?? []).map((window) => Object.keys(window.metrics).length))).toBe(FLEET_WINDOWS['1h'].metricsKept);
    expect(Object.keys(shard.hosts ?? {})).toHaveLength(HOST_DIGESTS_KEPT_PER_SHARD);
    expect(largest).toBeLessThan(MIB);
    expect(largestChunk).toBeLessThan(MIB);
    // The figures DATA-MODEL states ("Fleet shards"); a change of layout or limits must update them there.
    expect([Math.round(largest / 1_000), Math.round(largestChunk / 1_000)]).toEqual([903, 72]);
  }, 120_000);
});
