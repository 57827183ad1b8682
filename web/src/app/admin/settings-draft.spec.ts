import { describe, expect, it } from 'vitest';
import { KNOWN_METRIC_NAMES, type TenantSettings } from '@pulseboard/contracts';
import { draftOf, listedMetrics, REPORTED_METRICS_LISTED, settingsOf, withMetrics } from './settings-draft';

const SETTINGS: TenantSettings = {
  name: 'Acme',
  thresholds: { cpu: { warning: 80, critical: 95 }, disk_used: { warning: 70, critical: 90 } },
  sustainSeconds: 30,
  staleAfterSeconds: 60,
};

describe('listedMetrics', () => {
  it("lists the registry's known metrics first, then defaults and reported metrics by name, once each", () => {
    expect(listedMetrics(['disk_used', 'cpu'], ['queue_depth', 'cpu', 'disk_used', 'apdex'])).toEqual([
      ...KNOWN_METRIC_NAMES,
      'apdex',
      'disk_used',
      'queue_depth',
    ]);
  });

  it(`lists every metric with a default, and at most ${REPORTED_METRICS_LISTED} reported ones without`, () => {
    const reported = Array.from({ length: REPORTED_METRICS_LISTED + 50 }, (_, index) => `r${String(index).padStart(4, '0')}`);
    const listed = listedMetrics(['zz_default'], reported);
    expect(listed).toContain('zz_default');
    expect(listed).toHaveLength(KNOWN_METRIC_NAMES.length + 1 + REPORTED_METRICS_LISTED);
  });
});

describe('settingsOf a draft', () => {
  const draft = draftOf(SETTINGS, listedMetrics(Object.keys(SETTINGS.thresholds), []));

  it('reads back the settings it was made from', () => {
    expect(settingsOf(draft)).toEqual({ settings: SETTINGS });
  });

  it('drops a metric whose two levels are empty: no default', () => {
    const cleared = { ...draft, levels: draft.levels.map(([metric, levels]) => [metric, metric === 'cpu' ? { warning: '', critical: '' } : levels] as const) };
    expect(settingsOf(cleared)).toEqual({ settings: { ...SETTINGS, thresholds: { disk_used: SETTINGS.thresholds['disk_used'] } } });
  });

  it('refuses a level without its pair, naming the metric', () => {
    const half = { ...draft, levels: draft.levels.map(([metric, levels]) => [metric, metric === 'requests' ? { warning: '5', critical: '' } : levels] as const) };
    expect(settingsOf(half)).toEqual({ problem: 'Give requests both levels as numbers, or neither for no default.' });
  });

  it.each([
    ['sustainSeconds', '1.5', 'Sustain seconds must be a whole number.'],
    ['staleAfterSeconds', '', 'Stale-after seconds must be a whole number.'],
  ] as const)('refuses %s of %j', (field, typed, problem) => {
    expect(settingsOf({ ...draft, [field]: typed })).toEqual({ problem });
  });

  it('leaves ordering and ranges to the function: unordered levels are sent as typed', () => {
    const unordered = { ...draft, levels: draft.levels.map(([metric, levels]) => [metric, metric === 'cpu' ? { warning: '99', critical: '10' } : levels] as const) };
    expect(settingsOf(unordered)).toMatchObject({ settings: { thresholds: { cpu: { warning: 99, critical: 10 } } } });
  });
});

describe('withMetrics', () => {
  it('adds the row of a metric that starts reporting, keeping what was typed in the others', () => {
    const before = listedMetrics(Object.keys(SETTINGS.thresholds), []);
    const typed = draftOf(SETTINGS, before);
    const edited = { ...typed, name: 'Typed', levels: typed.levels.map(([metric, levels]) => [metric, metric === 'cpu' ? { warning: '99', critical: '98' } : levels] as const) };
    const after = withMetrics(edited, SETTINGS, listedMetrics(Object.keys(SETTINGS.thresholds), ['queue_depth']));
    expect(after.name).toBe('Typed');
    expect(after.levels).toContainEqual(['cpu', { warning: '99', critical: '98' }]);
    expect(after.levels).toContainEqual(['queue_depth', { warning: '', critical: '' }]);
  });
});
