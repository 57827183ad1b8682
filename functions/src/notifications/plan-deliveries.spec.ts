import { describe, expect, it } from 'vitest';
import { DELIVERY_KEEP_MS, deliveryId, NOTIFICATION_TRANSITIONS, type AlertDoc, type ChannelFilters } from '@pulseboard/contracts';
import { alertTransitions, channelHears, planDeliveries } from './plan-deliveries';
import { openCpuAlert } from '../alerts/open-alert.fixture';

const open = openCpuAlert(1_000);
const critical: AlertDoc = { ...open, level: 'critical', threshold: 95, peak: 97, lastValue: 97, updatedAt: 2_000 };
const acknowledged: AlertDoc = { ...open, state: 'acknowledged', acknowledgedAt: 3_000, acknowledgedBy: 'uid-1' };
const resolved: AlertDoc = { ...open, state: 'resolved', resolvedAt: 4_000 };
const everything: ChannelFilters = { minLevel: 'warning', transitions: [...NOTIFICATION_TRANSITIONS], hosts: [], metrics: [] };

describe('alert transitions', () => {
  it.each([
    ['a new alert', null, open, ['opened']],
    ['a new alert resolved in the same batch', null, resolved, ['opened', 'resolved']],
    ['warning to critical', open, critical, ['escalated']],
    ['escalated and resolved at once', open, { ...critical, state: 'resolved', resolvedAt: 5 } satisfies AlertDoc, ['escalated', 'resolved']],
    ['an acknowledgement', open, acknowledged, ['acknowledged']],
    ['an acknowledged alert resolving', acknowledged, { ...acknowledged, state: 'resolved', resolvedAt: 5 } satisfies AlertDoc, ['resolved']],
    ['a new value only', open, { ...open, lastValue: 90, peak: 90, updatedAt: 9 } satisfies AlertDoc, []],
    ['critical staying critical', critical, { ...critical, lastValue: 99 } satisfies AlertDoc, []],
    ['a resolved alert rewritten', resolved, { ...resolved, updatedAt: 7 } satisfies AlertDoc, []],
    ['a deletion', open, null, []],
  ] as const)('%s', (_name, before, after, expected) => {
    expect(alertTransitions(before, after)).toEqual(expected);
  });
});

describe('channel filters', () => {
  it.each([
    ['everything', everything, 'opened', open, true],
    ['critical only, a warning', { ...everything, minLevel: 'critical' }, 'opened', open, false],
    ['critical only, a critical', { ...everything, minLevel: 'critical' }, 'escalated', critical, true],
    ['resolutions only, an opening', { ...everything, transitions: ['resolved'] }, 'opened', open, false],
    ['resolutions only, a resolution', { ...everything, transitions: ['resolved'] }, 'resolved', resolved, true],
    ['another host', { ...everything, hosts: ['db-01'] }, 'opened', open, false],
    ['its host among others', { ...everything, hosts: ['db-01', 'web-01'] }, 'opened', open, true],
    ['another metric', { ...everything, metrics: ['requests'] }, 'opened', open, false],
    ['its metric', { ...everything, metrics: ['cpu'] }, 'opened', open, true],
  ] as const)('%s', (_name, filters, transition, alert, expected) => {
    expect(channelHears({ ...filters, transitions: [...filters.transitions], hosts: [...filters.hosts], metrics: [...filters.metrics] }, transition, alert)).toBe(expected);
  });
});

describe('planned deliveries', () => {
  const channels = [
    { id: 'all', filters: everything },
    { id: 'crit', filters: { ...everything, minLevel: 'critical' as const } },
  ];

  it('owe each transition to each channel that hears it, under deterministic ids', () => {
    const planned = planDeliveries({ alertId: '6.web-01_cpu_1000', before: open, after: { ...critical, state: 'resolved', resolvedAt: 5 }, now: 42 }, channels);
    expect(planned.map(({ id }) => id)).toEqual([
      deliveryId('6.web-01_cpu_1000', 'escalated', 'critical', 'all'),
      deliveryId('6.web-01_cpu_1000', 'escalated', 'critical', 'crit'),
      deliveryId('6.web-01_cpu_1000', 'resolved', 'critical', 'all'),
      deliveryId('6.web-01_cpu_1000', 'resolved', 'critical', 'crit'),
    ]);
    expect(planned[0]?.doc).toMatchObject({ channelId: 'all', transition: 'escalated', status: 'pending', attempts: 0, generation: 0, createdAt: 42, expiresAt: 42 + DELIVERY_KEEP_MS });
    expect(planned[0]?.doc.alert.state).toBe('resolved');
  });

  it('owe nothing for a write that is no transition, nor to a channel that does not hear it', () => {
    expect(planDeliveries({ alertId: 'a', before: open, after: { ...open, lastValue: 1 }, now: 1 }, channels)).toEqual([]);
    expect(planDeliveries({ alertId: 'a', before: null, after: open, now: 1 }, channels).map(({ doc }) => doc.channelId)).toEqual(['all']);
  });

  it('are the same when a redelivered trigger plans them again', () => {
    const change = { alertId: '6.web-01_cpu_1000', before: null, after: open, now: 1 };
    expect(planDeliveries(change, channels).map(({ id }) => id)).toEqual(planDeliveries({ ...change, now: 99 }, channels).map(({ id }) => id));
  });
});
