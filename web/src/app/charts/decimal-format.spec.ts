import { describe, expect, it } from 'vitest';
import { describeMetric } from '@pulseboard/contracts';
import { decimalFormat } from './decimal-format';

describe('decimalFormat', () => {
  it("writes a metric's registry digits as a DecimalPipe format", () => {
    const { min, max } = describeMetric('cpu').digits;
    expect(decimalFormat('cpu')).toBe(`1.${min}-${max}`);
  });
});
