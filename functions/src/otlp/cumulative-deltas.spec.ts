import { describe, expect, it } from 'vitest';
import { INGEST_LIMITS } from '@pulseboard/contracts';
import { cumulativeDeltas } from './cumulative-deltas';
import type { CumulativePoint } from './map-metrics';

const now = 1_795_400_000_000;
const start = now - 60_000;
const total = (value: number, ts: number, from = start): CumulativePoint => ({ point: 0, host: 'web-01', metric: 'requests', value, ts, start: from });
const stored = (value: number, ts: number, from = start) => new Map([['web-01', { requests: { start: from, value, ts } }]]);

describe('cumulativeDeltas', () => {
  it('books the increase since the stored point and stores the new one', () => {
    const { samples, last } = cumulativeDeltas([total(12, now)], stored(5, now - 10_000), now);
    expect(samples.map((s) => s.value)).toEqual([7]);
    expect(last.get('web-01')?.['requests']).toEqual({ start, value: 12, ts: now });
  });

  it('books the whole value after a reset: a lower total or another start time', () => {
    expect(cumulativeDeltas([total(3, now)], stored(50, now - 10_000), now).samples.map((s) => s.value)).toEqual([3]);
    expect(cumulativeDeltas([total(80, now, now - 5_000)], stored(50, now - 10_000), now).samples.map((s) => s.value)).toEqual([80]);
  });

  it('counts a new series whole only when it started within the lateness window', () => {
    expect(cumulativeDeltas([total(4, now)], new Map(), now).samples.map((s) => s.value)).toEqual([4]);
    const old = now - INGEST_LIMITS.maxLatenessMs - 1;
    const baseline = cumulativeDeltas([total(4_000, now, old)], new Map(), now);
    expect(baseline.samples).toEqual([]);
    expect(baseline.last.get('web-01')?.['requests']?.value).toBe(4_000);
  });

  it('adds nothing for a point no newer than the stored one', () => {
    const { samples, last } = cumulativeDeltas([total(9, now - 10_000)], stored(5, now - 10_000), now);
    expect(samples).toEqual([]);
    expect(last.get('web-01')?.['requests']?.value).toBe(5);
  });

  it('chains points of one series within a request', () => {
    expect(cumulativeDeltas([total(2, now - 1_000), total(5, now)], new Map(), now).samples.map((s) => s.value)).toEqual([2, 3]);
  });

  it('never reads a series name through the prototype', () => {
    const point = { ...total(3, now), metric: 'constructor' };
    expect(cumulativeDeltas([point], new Map(), now).samples.map((s) => s.value)).toEqual([3]);
  });
});
