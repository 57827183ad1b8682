import { describe, expect, it } from 'vitest';
import { summariseBoots } from './boot-report';

describe('summariseBoots', () => {
  const boot = (longTaskMs: number[], firstContentfulPaintMs: number | null = 800) => ({ longTaskMs, firstContentfulPaintMs });

  it("takes the median of each boot's longest long task, sum, count and first contentful paint", () => {
    expect(summariseBoots([boot([120, 60], 900), boot([90], 700), boot([200, 55, 51], 1_000)])).toEqual({
      boots: 3,
      longestLongTaskMs: 120,
      longTaskSumMs: 180,
      longTasks: 2,
      firstContentfulPaintMs: 900,
    });
  });

  it('counts a boot without a long task as 0 for each long-task figure', () => {
    expect(summariseBoots([boot([]), boot([]), boot([80])])).toMatchObject({ longestLongTaskMs: 0, longTaskSumMs: 0, longTasks: 0 });
  });

  it('takes the paint of the boots that painted, and null when none did', () => {
    expect(summariseBoots([boot([], null), boot([], 600), boot([], 700)]).firstContentfulPaintMs).toBe(650);
    expect(summariseBoots([boot([], null)]).firstContentfulPaintMs).toBeNull();
  });
});
