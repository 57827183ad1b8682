import { describe, expect, it } from 'vitest';
import { describeMetric, OPEN_RANGE } from '@pulseboard/contracts';
import { chartYRange } from './y-range';

const cpu = describeMetric('cpu').range;
const open = OPEN_RANGE;

describe('chartYRange', () => {
  it('shows a bounded metric over its whole range, however low its values', () => {
    expect(chartYRange({ min: 12, max: 30 }, 95, cpu)).toEqual([0, 100]);
    expect(chartYRange({ min: null, max: null }, null, cpu)).toEqual([0, 100]);
  });

  it('widens a bounded axis for a value or a level above the range', () => {
    expect(chartYRange({ min: 10, max: 120 }, 95, cpu)).toEqual([0, 120 * 1.05]);
    expect(chartYRange({ min: 10, max: 50 }, 150, cpu)).toEqual([0, 150 * 1.05]);
  });

  it('runs an open metric from zero to above its highest value or critical level', () => {
    expect(chartYRange({ min: 3, max: 40 }, null, open)).toEqual([0, 40 * 1.05]);
    expect(chartYRange({ min: 3, max: 40 }, 500, open)).toEqual([0, 500 * 1.05]);
    expect(chartYRange({ min: 0, max: 0 }, null, open)).toEqual([0, 1.05]);
  });

  it('goes below zero for negative values', () => {
    expect(chartYRange({ min: -7, max: 4 }, null, open)).toEqual([-7, 4 * 1.05]);
  });
});
