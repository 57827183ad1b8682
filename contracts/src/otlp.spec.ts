import { describe, expect, it } from 'vitest';
import { otlpMetricsRequest } from './otlp';

const pointTime = (timeUnixNano: string | number) =>
  otlpMetricsRequest.parse({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'cpu', gauge: { dataPoints: [{ timeUnixNano, asDouble: 1 }] } }] }] }] }).resourceMetrics?.[0]?.scopeMetrics?.[0]
    ?.metrics?.[0]?.gauge?.dataPoints?.[0]?.timeUnixNano;

describe('otlpMetricsRequest times', () => {
  it.each([
    ['a nanosecond decimal string', '1795400000123456789', 1_795_400_000_123],
    ['one under a millisecond', '999999', 0],
    ['zero (unknown)', '0', 0],
    ['a number', 5_999_999, 5],
    ['a negative string', '-2000000', -2],
  ])('reads %s as milliseconds, rounded down', (_, value, ms) => {
    expect(pointTime(value)).toBe(ms);
  });
});
