import { describe, expect, it } from 'vitest';
import { eventsCounted, median, percentile } from './stats';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = [5, 1, 4, 2, 3];
    expect([0, 20, 50, 99, 100].map((p) => percentile(values, p))).toEqual([1, 1, 3, 5, 5]);
  });

  it('is NaN without values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1_189, 696])).toBe(942.5);
  });

  it('is NaN without values', () => {
    expect(median([])).toBeNaN();
  });
});

describe('eventsCounted', () => {
  it('sums the sample counts of every metric', () => {
    const aggregate = (count: number) => ({ count, sum: count, min: 1, max: 1, last: 1, lastTs: 0 });
    expect(eventsCounted({ cpu: aggregate(3), requests: aggregate(4) })).toBe(7);
    expect(eventsCounted({})).toBe(0);
  });
});
