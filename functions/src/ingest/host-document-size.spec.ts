import { describe, expect, it } from 'vitest';
import { HOST_WINDOWS, INGEST_LIMITS, METRICS_KEPT_PER_HOST, WINDOW_CLOSE_MS, type StoredHostDoc } from '@pulseboard/contracts';
import { alertId } from '../alerts/evaluate-alert';
import { LONGEST_TENANT_PATH, MIB, documentSize, longName } from '../shared/storage-size.fixture';
import { planBatch, type StoredState } from './plan-batch';
import { RECENT_ERRORS_KEPT, rollUp } from './rollup';
import { hostToStore } from './stored-documents';
import type { TimedEvent } from './validate-events';

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
    const stored = (): StoredState => ({ policy: { thresholds: {}, sustainSeconds: 0 }, hosts: new Map([[HOST, doc]]), fleetTarget: { level: 0, leaf: 0 }, fleet: {}, activeAlerts: new Map() });
    const path = `${LONGEST_TENANT_PATH}/hosts/${HOST}`;
    let largest = 0;
    for (let now = START; now < START + 80 * 60_000; now += FLUSH_MS) {
      const planned = planBatch(rollUp(worstBatch(now)), stored(), now, longName('batch-', now / FLUSH_MS)).hosts[0]?.doc;
      if (planned === undefined) throw new Error('no host planned');
      const activeAlerts = Object.fromEntries(METRICS.map((metric) => [metric, alertId(HOST, metric, now)]));
      const written: StoredHostDoc = { ...planned, activeAlerts, breachingSince: Object.fromEntries(METRICS.map((metric) => [metric, now])) };
      doc = written;
      // As ingest stores it: the windows as one bytes value.
      largest = Math.max(largest, documentSize(path, hostToStore(written)));
      expect(written.windows['10s'].length).toBeLessThanOrEqual((WINDOW_CLOSE_MS + INGEST_LIMITS.maxFutureSkewMs) / 10_000 + 1);
      expect(written.windows['1m'].length).toBeLessThanOrEqual((WINDOW_CLOSE_MS + HOST_WINDOWS['1m'].chunkMs + INGEST_LIMITS.maxFutureSkewMs) / 60_000 + 1);
      expect(written.windows['1h'].length).toBeLessThanOrEqual(3);
      expect(written.recentErrors).toHaveLength(RECENT_ERRORS_KEPT);
    }
    expect(largest).toBeLessThan(MIB);
    // The figure DATA-MODEL states ("Host windows"); a change of layout or limits must update it there.
    expect(Math.round(largest / 1_000)).toBe(371);
  }, 60_000);
});
