import { describe, expect, it } from 'vitest';
import { percentile } from './stats';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = [5, 1, 4, 2, 3];
    expect([0, 20, 50, 99, 100].map((p) => percentile(values, p))).toEqual([1, 1, 3, 5, 5]);
  });

  it('is NaN without values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});
