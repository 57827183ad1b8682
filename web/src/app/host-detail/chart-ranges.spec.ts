import { describe, expect, it } from 'vitest';
import type { HostWindow } from '@pulseboard/contracts';
import { toSeries } from './chart-ranges';

function window(start: number, cpu: number[] | null, requestsSum: number, errors: number): HostWindow {
  const aggregate = (values: number[]) => ({
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    min: Math.min(...values),
    max: Math.max(...values),
    last: values.at(-1) ?? 0,
    lastTs: start,
  });
  return {
    start,
    metrics: {
      ...(cpu ? { cpu: aggregate(cpu) } : {}),
      requests: { count: 1, sum: requestsSum, min: requestsSum, max: requestsSum, last: requestsSum, lastTs: start },
    },
    errorCount: errors,
  };
}

describe('toSeries', () => {
  const windows = [window(10_000, [10, 30], 50, 0), window(20_000, null, 100, 3), window(30_000, [90], 0, 1)];

  it('puts window starts in seconds on the x axis', () => {
    expect(toSeries(windows, '10s', 0).get('cpu')?.xs).toEqual([10, 20, 30]);
  });

  it('charts gauges as the window mean and leaves gaps where a metric is missing', () => {
    expect(toSeries(windows, '10s', 0).get('cpu')?.ys).toEqual([20, null, 90]);
  });

  it('charts requests per second and errors per minute', () => {
    const series = toSeries(windows, '10s', 0);
    expect(series.get('requests')?.ys).toEqual([5, 10, 0]);
    expect(series.get('errors')?.ys).toEqual([0, 18, 6]);
  });

  it('charts a rate over the length of the range\'s windows', () => {
    expect(toSeries(windows, '1m', 0).get('requests')?.ys).toEqual([50 / 60, 100 / 60, 0]);
  });

  it('drops windows that slid out of the range', () => {
    expect(toSeries(windows, '10s', 20_000).get('errors')).toEqual({ xs: [20, 30], ys: [18, 6] });
  });

  it('charts every metric the windows hold, known ones first, a name it never heard of by its mean', () => {
    const withOthers = windows.map((w, i) => ({
      ...w,
      metrics: { ...w.metrics, zz_queue: { count: 2, sum: 2 * i, min: 0, max: i, last: i, lastTs: w.start }, network_in: { count: 1, sum: 1_000, min: 1_000, max: 1_000, last: 1_000, lastTs: w.start } },
    }));
    const series = toSeries(withOthers, '10s', 0);
    expect([...series.keys()]).toEqual(['cpu', 'requests', 'active_users', 'errors', 'network_in', 'zz_queue']);
    expect(series.get('zz_queue')?.ys).toEqual([0, 1, 2]);
    expect(series.get('network_in')?.ys).toEqual([100, 100, 100]);
  });
});
