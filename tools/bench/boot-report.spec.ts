import { describe, expect, it } from 'vitest';
import { summariseBoots } from './boot-report';

describe('summariseBoots', () => {
  it("takes the median of each boot's longest long task, sum and count", () => {
    expect(summariseBoots([[120, 60], [90], [200, 55, 51]])).toEqual({ boots: 3, longestLongTaskMs: 120, longTaskSumMs: 180, longTasks: 2 });
  });

  it('counts a boot without a long task as 0 for each figure', () => {
    expect(summariseBoots([[], [], [80]])).toEqual({ boots: 3, longestLongTaskMs: 0, longTaskSumMs: 0, longTasks: 0 });
  });
});
