import { describe, expect, it } from 'vitest';
import { INGEST_LIMITS } from '@pulseboard/contracts';
import { cumulativeDeltas, type CumulativePoint } from './cumulative-deltas';

const now = 1_795_400_000_000;
const start = now - 60_000;
const total = (value: number, ts: number, from = start): CumulativePoint => ({ point: 0, host: 'web-01', metric: 'requests', value, ts, start: from, reading: 'increase' });
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

describe('cumulativeDeltas as rates', () => {
  const counter = (value: number, ts: number): CumulativePoint => ({ point: 0, host: 'web-01', metric: 'cpu-0.cpu-idle', value, ts, start: 0, reading: 'rate' });
  const storedCounter = (value: number, ts: number) => new Map([['web-01', { 'cpu-0.cpu-idle': { start: 0, value, ts } }]]);

  it('books the increase per second since the stored point', () => {
    expect(cumulativeDeltas([counter(1_250, now)], storedCounter(1_000, now - 2_500), now).samples.map((s) => s.value)).toEqual([100]);
  });

  it('takes a first point, or one below the stored total (a reset), as a baseline only', () => {
    expect(cumulativeDeltas([counter(1_000, now)], new Map(), now).samples).toEqual([]);
    const reset = cumulativeDeltas([counter(20, now)], storedCounter(1_000, now - 1_000), now);
    expect(reset.samples).toEqual([]);
    expect(reset.last.get('web-01')?.['cpu-0.cpu-idle']).toEqual({ start: 0, value: 20, ts: now });
  });

  it('chains points of one series within a request', () => {
    expect(cumulativeDeltas([counter(0, now - 2_000), counter(50, now - 1_000), counter(250, now)], new Map(), now).samples.map((s) => s.value)).toEqual([50, 200]);
  });
});
