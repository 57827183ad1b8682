import { describe, expect, it } from 'vitest';
import { driftRatio, latencySlices, reconcile } from './soak-report';

describe('reconcile', () => {
  it('separates events lost from events counted twice, host by host', () => {
    const expected = new Map([
      ['a', 30],
      ['b', 30],
      ['c', 30],
    ]);
    const counted = new Map([
      ['a', 30],
      ['b', 27],
      ['c', 33],
      ['d', 1],
    ]);
    expect(reconcile(expected, counted)).toEqual({ lost: 3, doubled: 4, hostsOff: ['b', 'c', 'd'] });
  });

  it('does not let a host counted twice hide a host that lost as many', () => {
    const result = reconcile(new Map([['a', 10], ['b', 10]]), new Map([['a', 5], ['b', 15]]));
    expect(result).toMatchObject({ lost: 5, doubled: 5 });
  });

  it('reports nothing when every host matches', () => {
    expect(reconcile(new Map([['a', 3]]), new Map([['a', 3]]))).toEqual({ lost: 0, doubled: 0, hostsOff: [] });
  });
});

describe('latencySlices', () => {
  it('groups requests by when they were sent, in order, leaving empty slices out', () => {
    const start = 1_000_000;
    const latencies = [
      { sentAt: start + 10, ms: 100 },
      { sentAt: start + 20, ms: 300 },
      { sentAt: start + 700_000, ms: 50 },
    ];
    expect(latencySlices(latencies, start, 300_000)).toEqual([
      { fromMinute: 0, requests: 2, p50Ms: 100, p99Ms: 300 },
      { fromMinute: 10, requests: 1, p50Ms: 50, p99Ms: 50 },
    ]);
  });
});

describe('driftRatio', () => {
  it('is 1 for a flat series whatever one outlier in the middle does', () => {
    expect(driftRatio([100, 101, 99, 5_000, 100, 100])).toBe(1);
  });

  it('compares the last third with the first', () => {
    expect(driftRatio([100, 100, 100, 150, 150, 150])).toBe(1.5);
  });

  it('takes the mean of the middle two of an even third, not the lower (a 30-minute soak in 5-minute slices)', () => {
    // 2026-12-03's soak: nearest-rank medians compared 696 with 871 ms and read 1.25.
    expect(driftRatio([1_189, 696, 616, 904, 1_036, 871])).toBe(1.01);
  });

  it('is NaN when there is too little to compare', () => {
    expect(driftRatio([1, 2])).toBeNaN();
  });
});
