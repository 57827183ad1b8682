import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TRANSITIONS, reminderDeliveryId, type ChannelReminders } from '@pulseboard/contracts';
import { openCpuAlert } from '../alerts/open-alert.fixture';
import { planReminders } from './plan-reminders';

const MINUTE = 60_000;
const OPENED = 1_000_000;
const critical = { id: 'a1', doc: openCpuAlert(OPENED, { level: 'critical', threshold: 95 }) };
const everyTen: ChannelReminders = { minLevel: 'warning', transitions: [...NOTIFICATION_TRANSITIONS], hosts: [], metrics: [], renotifyEveryMinutes: 10 };
const channels = [{ id: 'ops', reminders: everyTen }];

/** The ids one sweep over (since, now] plans, `now` in minutes after the alert opened. */
function idsAt(sinceMinutes: number, nowMinutes: number, alerts = [critical], on = channels): string[] {
  return planReminders({ since: OPENED + sinceMinutes * MINUTE, now: OPENED + nowMinutes * MINUTE }, alerts, on).map(({ id }) => id);
}

describe('planned reminders', () => {
  it('none before the first period has passed', () => {
    expect(idsAt(8, 9)).toEqual([]);
  });

  it('the first reminder in the sweep that crosses one period, as a reminder delivery', () => {
    const [planned, ...others] = planReminders({ since: OPENED + 9.5 * MINUTE, now: OPENED + 10.5 * MINUTE }, [critical], channels);
    expect(others).toEqual([]);
    expect(planned?.id).toBe(reminderDeliveryId('a1', 1, 'ops'));
    expect(planned?.doc).toMatchObject({ channelId: 'ops', alertId: 'a1', transition: 'reminder', status: 'pending', createdAt: OPENED + 10.5 * MINUTE });
  });

  it('nothing in the sweeps between two boundaries', () => {
    expect(idsAt(10.5, 11.5)).toEqual([]);
    expect(idsAt(18.5, 19.5)).toEqual([]);
  });

  it('the next sequence number at the next boundary', () => {
    expect(idsAt(19.5, 20.5)).toEqual([reminderDeliveryId('a1', 2, 'ops')]);
  });

  it('only the latest reminder after missed sweeps', () => {
    expect(idsAt(5, 35)).toEqual([reminderDeliveryId('a1', 3, 'ops')]);
  });

  it('the same ids when a sweep over the same interval runs again', () => {
    expect(idsAt(9.5, 10.5)).toEqual(idsAt(9.5, 10.5));
  });

  it('none for a channel without a period (the default)', () => {
    expect(idsAt(9.5, 10.5, [critical], [{ id: 'ops', reminders: { ...everyTen, renotifyEveryMinutes: null } }])).toEqual([]);
  });

  it.each([
    ['a warning', { level: 'warning' as const }],
    ['an acknowledged alert', { state: 'acknowledged' as const, acknowledgedAt: OPENED + MINUTE, acknowledgedBy: 'uid-1' }],
    ['a resolved alert', { state: 'resolved' as const, resolvedAt: OPENED + MINUTE }],
  ])('none for %s', (_name, overrides) => {
    expect(idsAt(9.5, 10.5, [{ id: 'a1', doc: { ...critical.doc, ...overrides } }])).toEqual([]);
  });

  it('none for a channel whose filters did not hear the alert open', () => {
    const dbOnly = { id: 'db', reminders: { ...everyTen, hosts: ['db-01'] } };
    const noOpenings = { id: 'quiet', reminders: { ...everyTen, transitions: ['resolved' as const] } };
    expect(idsAt(9.5, 10.5, [critical], [dbOnly, noOpenings, ...channels])).toEqual([reminderDeliveryId('a1', 1, 'ops')]);
  });
});
