import { describe, expect, it } from 'vitest';
import { sampleAggregate, mergeAggregates } from './aggregate';
import { DEFAULT_THRESHOLDS, describeMetric, errorsPerMinute, orderMetrics, windowFigure, type WindowFigureInput } from './metric-registry';
import { levelOf } from './thresholds';

const closed = (input: Partial<WindowFigureInput>): WindowFigureInput => ({
  aggregate: undefined,
  errorCount: 0,
  elapsedMs: 10_000,
  reportingHosts: 1,
  ...input,
});
const samplesOf = (...values: number[]) => values.reduce<ReturnType<typeof mergeAggregates>>((acc, value, i) => mergeAggregates(acc, sampleAggregate(value, i + 1)), undefined);

describe('describeMetric', () => {
  it('describes a known metric by its registry entry', () => {
    expect(describeMetric('cpu')).toMatchObject({ kind: 'gauge', unit: '%', range: { min: 0, max: 100 }, defaultThresholds: { warning: 80, critical: 95 } });
  });

  it('describes a name it has never heard of, prototype members included, as a generic gauge', () => {
    for (const name of ['disk_used', 'constructor', 'toString']) {
      expect(describeMetric(name)).toEqual({
        kind: 'gauge',
        fleet: 'mean',
        label: name,
        unit: '',
        digits: { min: 0, max: 2 },
        range: { min: 0, max: Number.POSITIVE_INFINITY },
        defaultThresholds: null,
      });
    }
  });
});

describe('orderMetrics', () => {
  it('lists known metrics first in the registry order, then the rest by name, each once', () => {
    expect(orderMetrics(['zeta', 'network_in', 'alpha', 'cpu', 'alpha', 'errors'])).toEqual(['cpu', 'errors', 'network_in', 'alpha', 'zeta']);
  });
});

describe('DEFAULT_THRESHOLDS', () => {
  it('holds the levels of the known metrics that have defaults, and no other', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ cpu: { warning: 80, critical: 95 }, errors: { warning: 5, critical: 20 } });
  });
});

describe('windowFigure', () => {
  it("is a gauge's mean, or for a total the mean times the reporting hosts", () => {
    expect(windowFigure(describeMetric('cpu'), closed({ aggregate: samplesOf(10, 30), reportingHosts: 4 }))).toBe(20);
    expect(windowFigure(describeMetric('active_users'), closed({ aggregate: samplesOf(10, 30), reportingHosts: 4 }))).toBe(80);
    expect(windowFigure(describeMetric('queue_depth'), closed({ aggregate: samplesOf(1, 2), reportingHosts: 4 }))).toBe(1.5);
  });

  it("is a counter's sum per second of the elapsed time", () => {
    expect(windowFigure(describeMetric('requests'), closed({ aggregate: samplesOf(100, 50), elapsedMs: 5_000 }))).toBe(30);
  });

  it('is the error rate per minute, zero for a window without errors', () => {
    expect(windowFigure(describeMetric('errors'), closed({ errorCount: 3, elapsedMs: 10_000 }))).toBe(18);
    expect(windowFigure(describeMetric('errors'), closed({}))).toBe(0);
  });

  it('is null for a gauge or counter the window has no sample of', () => {
    expect(windowFigure(describeMetric('cpu'), closed({}))).toBeNull();
    expect(windowFigure(describeMetric('requests'), closed({}))).toBeNull();
  });
});

describe('errorsPerMinute', () => {
  it("adds the previous minute's count weighted by the part of it the last 60 s still cover", () => {
    expect(errorsPerMinute(60_000 * 10 + 15_000, 2, 4)).toBe(5);
  });
});

describe('levelOf', () => {
  const levels = { warning: 80, critical: 95 };
  it('is critical at or above critical, warning at or above warning, else none', () => {
    expect([79.9, 80, 94.9, 95, 120].map((value) => levelOf(value, levels))).toEqual([null, 'warning', 'warning', 'critical', 'critical']);
  });
});
