import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alertId, evaluateAlert, type AlertInputs, type MetricSample } from './evaluate-alert';

const levels = { warning: 80, critical: 95 };
const base: AlertInputs = { host: 'web-01', metric: 'cpu', levels, sustainMs: 0, silenced: false, breachingSince: null, active: null, samples: [] };
const samples = (...values: number[]): MetricSample[] => values.map((value, i) => ({ value, ts: 1000 + i * 1000 }));

describe('evaluateAlert', () => {
  it('opens a warning alert when the warning level is reached', () => {
    const outcome = evaluateAlert({ ...base, samples: samples(50, 80) });
    expect(outcome.active?.id).toBe('6.web-01_cpu_2000');
    expect(outcome.active?.doc).toMatchObject({ level: 'warning', state: 'open', threshold: 80, peak: 80, openedAt: 2000 });
    expect(outcome.changed.size).toBe(1);
  });

  it('stays below the levels without opening anything', () => {
    const outcome = evaluateAlert({ ...base, samples: samples(10, 79.9) });
    expect(outcome).toEqual({ breachingSince: null, active: null, changed: new Map() });
  });

  it('waits for the sustain period before opening', () => {
    const early = evaluateAlert({ ...base, sustainMs: 5000, samples: samples(90, 90, 90) });
    expect(early.active).toBeNull();
    expect(early.breachingSince).toBe(1000);
    const later = evaluateAlert({ ...base, sustainMs: 5000, breachingSince: early.breachingSince, samples: [{ value: 91, ts: 6000 }] });
    expect(later.active?.id).toBe('6.web-01_cpu_1000');
  });

  it('a dip below warning restarts the sustain period', () => {
    const outcome = evaluateAlert({ ...base, sustainMs: 2500, samples: samples(90, 90, 50, 90, 90) });
    expect(outcome.active).toBeNull();
    expect(outcome.breachingSince).toBe(4000);
  });

  it('escalates the same alert to critical and records the peak', () => {
    const outcome = evaluateAlert({ ...base, samples: samples(85, 97, 90) });
    expect(outcome.changed.size).toBe(1);
    expect(outcome.active?.doc).toMatchObject({ level: 'critical', threshold: 95, peak: 97, lastValue: 90, state: 'open' });
  });

  it('resolves only below the hysteresis line (72 for a warning of 80)', () => {
    const held = evaluateAlert({ ...base, samples: samples(85, 75) });
    expect(held.active?.doc.state).toBe('open');
    const cleared = evaluateAlert({ ...base, samples: samples(85, 75, 71) });
    expect(cleared.active).toBeNull();
    expect([...cleared.changed.values()][0]).toMatchObject({ state: 'resolved', resolvedAt: 3000, peak: 85, lastValue: 71 });
  });

  it('opens a new alert after a resolved one, under another id', () => {
    const outcome = evaluateAlert({ ...base, samples: samples(85, 10, 90) });
    expect([...outcome.changed.keys()]).toEqual(['6.web-01_cpu_1000', '6.web-01_cpu_3000']);
    expect(outcome.active?.id).toBe('6.web-01_cpu_3000');
  });

  it('keeps an acknowledged alert acknowledged while it updates', () => {
    const opened = evaluateAlert({ ...base, samples: samples(85) }).active;
    if (opened === null) throw new Error('expected an alert');
    const acked = { id: opened.id, doc: { ...opened.doc, state: 'acknowledged' as const, acknowledgedAt: 1500, acknowledgedBy: 'u1' } };
    const outcome = evaluateAlert({ ...base, active: acked, samples: [{ value: 99, ts: 5000 }] });
    expect(outcome.active?.doc).toMatchObject({ state: 'acknowledged', level: 'critical', peak: 99, acknowledgedBy: 'u1' });
  });

  it('a silenced host opens nothing but its open alert still resolves', () => {
    expect(evaluateAlert({ ...base, silenced: true, samples: samples(99) }).active).toBeNull();
    const opened = evaluateAlert({ ...base, samples: samples(85) }).active;
    const outcome = evaluateAlert({ ...base, silenced: true, active: opened, samples: [{ value: 1, ts: 9000 }] });
    expect(outcome.active).toBeNull();
    expect(outcome.changed.get('6.web-01_cpu_1000')?.state).toBe('resolved');
  });

  it('a metric without thresholds opens nothing', () => {
    expect(evaluateAlert({ ...base, levels: undefined, samples: samples(1e9) }).active).toBeNull();
  });
});

describe('alertId', () => {
  it('tells apart the host and metric names the old `${host}_${metric}_${start}` ids confused', () => {
    expect(alertId('h_x', 'cpu', 1)).not.toBe(alertId('h', 'x_cpu', 1));
  });

  it('is injective, even over names made of the separators', () => {
    const name = fc.string({ unit: fc.constantFrom('a', '1', '_', '.'), minLength: 1, maxLength: 4 });
    const breaches = fc.array(fc.tuple(name, name, fc.integer({ min: 0, max: 12 })), { maxLength: 300 });
    fc.assert(
      fc.property(breaches, (all) => {
        const distinct = new Set(all.map((breach) => JSON.stringify(breach)));
        expect(new Set(all.map(([host, metric, start]) => alertId(host, metric, start))).size).toBe(distinct.size);
      }),
    );
  });
});
