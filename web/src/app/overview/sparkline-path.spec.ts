import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline-path';

describe('sparklinePath', () => {
  it('draws from the lowest value at the bottom to the highest at the top', () => {
    expect(sparklinePath([0, 5, 10], 100, 20)).toBe('M0.0,20.0 L50.0,10.0 L100.0,0.0');
  });

  it('draws a flat series along the bottom', () => {
    expect(sparklinePath([3, 3], 10, 10)).toBe('M0.0,10.0 L10.0,10.0');
  });

  it('draws nothing below two points', () => {
    expect(sparklinePath([1], 10, 10)).toBe('');
  });
});
