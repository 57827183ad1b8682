import { describe, expect, it } from 'vitest';
import { HOST_WINDOWS, INGEST_LIMITS, METRICS_KEPT_PER_HOST, WINDOW_CLOSE_MS, type StoredHostDoc } from '@pulseboard/contracts';
import { alertId } from '../alerts/evaluate-alert';
import { planBatch, type StoredState } from './plan-batch';
import { RECENT_ERRORS_KEPT, rollUp } from './rollup';
import type { TimedEvent } from './validate-events';

/** Firestore's storage size of a value (cloud.google.com/firestore/docs/storage-size). */
function storageSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8') + 1;
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return value.reduce((total: number, element) => total + storageSize(element), 0);
  if (typeof value === 'object') return Object.entries(value).reduce((total, [key, field]) => total + storageSize(key) + storageSize(field), 0);
  throw new Error(`no size for ${typeof value}`);
}

/** A document's size: its name (each path segment, + 16) plus its fields, + 32. */
function documentSize(path: string, doc: object): number {
  return path.split('/').reduce((total, segment) => total + storageSize(segment), 16) + storageSize(doc) + 32;
}

const MIB = 1_048_576;
const longName = (prefix: string, i: number) => `${prefix}${i}`.padEnd(64, 'x');
const HOST = longName('host-', 0);
const METRICS = Array.from({ length: METRICS_KEPT_PER_HOST }, (_, i) => longName('metric-', i));
const START = 1_795_400_000_000;
const FLUSH_MS = 10_000;

/**
 * Every batch of the worst case: each of the 100 metrics sampled at the edges of what validation
 * accepts (15 minutes late and 1 minute ahead) and in between, and the longest error messages.
 */
function worstBatch(now: number): TimedEvent[] {
  const times = [now - INGEST_LIMITS.maxLatenessMs, now, now + INGEST_LIMITS.maxFutureSkewMs];
  const samples = times.flatMap((ts) => METRICS.map((metric, i): TimedEvent => ({ type: 'metric', host: HOST, metric, value: -1e15 + i, ts })));
  const errors = Array.from({ length: 5 }, (_, i): TimedEvent => ({ type: 'error', host: HOST, code: 'E'.repeat(32), message: 'm'.repeat(500), ts: now - i }));
  return [...samples, ...errors];
}

describe('the host document, worst case', () => {
  it('stays under 1 MiB and within its window counts through 80 minutes of the widest, latest and earliest batches', () => {
    // What no batch bounds but commands and alerts do: an override, an open alert and a breach per metric.
    const levels = { warning: -1e15, critical: 1e15 };
    let doc: Partial<StoredHostDoc> = {
      thresholds: Object.fromEntries(METRICS.map((metric) => [metric, levels])),
      silencedUntil: START * 2,
    };
    const stored = (): StoredState => ({ policy: { thresholds: {}, sustainSeconds: 0 }, hosts: new Map([[HOST, doc]]), fleet: {}, activeAlerts: new Map() });
    const path = `projects/${'p'.repeat(30)}/databases/(default)/documents/tenants/${'t'.repeat(64)}/hosts/${HOST}`;
    let largest = 0;
    for (let now = START; now < START + 80 * 60_000; now += FLUSH_MS) {
      const planned = planBatch(rollUp(worstBatch(now)), stored(), now, longName('batch-', now / FLUSH_MS)).hosts[0]?.doc;
      if (planned === undefined) throw new Error('no host planned');
      const activeAlerts = Object.fromEntries(METRICS.map((metric) => [metric, alertId(HOST, metric, now)]));
      doc = { ...planned, activeAlerts, breachingSince: Object.fromEntries(METRICS.map((metric) => [metric, now])) };
      largest = Math.max(largest, documentSize(path, doc));
      expect(doc.windows?.['10s'].length).toBeLessThanOrEqual((WINDOW_CLOSE_MS + INGEST_LIMITS.maxFutureSkewMs) / 10_000 + 1);
      expect(doc.windows?.['1m'].length).toBeLessThanOrEqual((WINDOW_CLOSE_MS + HOST_WINDOWS['1m'].chunkMs + INGEST_LIMITS.maxFutureSkewMs) / 60_000 + 1);
      expect(doc.windows?.['1h'].length).toBeLessThanOrEqual(3);
      expect(doc.recentErrors).toHaveLength(RECENT_ERRORS_KEPT);
    }
    expect(largest).toBeLessThan(MIB);
    // The figure DATA-MODEL states ("Host windows"); a change of layout or limits must update it there.
    expect(Math.round(largest / 1_000)).toBe(944);
  }, 60_000);
});
