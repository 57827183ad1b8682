import { describe, expect, it } from 'vitest';
import { MAINTENANCE_LIMITS, recordOf, type MaintenanceWindow, type PayloadOf, type TenantDoc } from '@pulseboard/contracts';
import { cancelMaintenance } from './cancel-maintenance';
import { scheduleMaintenance } from './schedule-maintenance';
import type { CommandContext } from './server-kind';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const TENANT: TenantDoc = { name: 'Acme', thresholds: {}, sustainSeconds: 0, staleAfterSeconds: 60 };
const stored = (host: string | null, start: number, end: number): MaintenanceWindow => ({ host, start, end, note: '', createdBy: 'uid-other' });
const ASKED: PayloadOf<'schedule-maintenance'> = { kind: 'schedule-maintenance', windowId: 'mw-new', host: 'web-01', start: NOW, end: NOW + HOUR, note: 'kernel upgrade' };

const context = (maintenance: TenantDoc['maintenance'], tenant: TenantDoc | null = TENANT) =>
  ({ tenant: tenant === null ? null : { ...tenant, maintenance }, requestedBy: 'uid-op', now: NOW }) as CommandContext;

const schedule = (change: Partial<PayloadOf<'schedule-maintenance'>>, maintenance?: TenantDoc['maintenance']) =>
  scheduleMaintenance.decide({ ...ASKED, ...change }, context(maintenance));

const reasonOf = (decision: ReturnType<typeof schedule>): string | null => (decision.status === 'rejected' ? decision.reason : null);

const manyWindows = (count: number): Record<string, MaintenanceWindow> =>
  recordOf(Array.from({ length: count }, (_, index) => [`mw-${index}`, stored(`host-${index}`, NOW, NOW + HOUR)] as const));

describe('schedule-maintenance', () => {
  it('adds the window, by its operator, records that it replaced nothing, and prunes the ended ones', () => {
    const decision = schedule({}, { ended: stored('db-01', NOW - 2 * HOUR, NOW), kept: stored(null, NOW + 2 * HOUR, NOW + 3 * HOUR) });
    expect(decision).toEqual({
      status: 'applied',
      previous: null,
      change: { kept: stored(null, NOW + 2 * HOUR, NOW + 3 * HOUR), 'mw-new': { host: 'web-01', start: NOW, end: NOW + HOUR, note: 'kernel upgrade', createdBy: 'uid-op' } },
      write: expect.any(Function),
    });
  });

  it.each([
    ['an end before the start', { end: NOW - 1 }, 'A maintenance window must end after it starts.'],
    ['an end in the past', { start: NOW - 2 * HOUR, end: NOW - HOUR }, 'A maintenance window must end in the future.'],
    ['an end that is now', { start: NOW - HOUR, end: NOW }, 'A maintenance window must end in the future.'],
    ['under a minute', { end: NOW + 59_999 }, 'A maintenance window lasts from 1 minute to 7 days.'],
    ['over a week', { end: NOW + MAINTENANCE_LIMITS.durationMs.max + 1 }, 'A maintenance window lasts from 1 minute to 7 days.'],
    ['a start too far ahead', { start: NOW + MAINTENANCE_LIMITS.startAheadMs + 1, end: NOW + MAINTENANCE_LIMITS.startAheadMs + HOUR }, 'A maintenance window starts at most 90 days ahead.'],
    ['a note too long', { note: 'n'.repeat(MAINTENANCE_LIMITS.noteLength + 1) }, 'The note must be at most 200 characters long.'],
  ] as const)('rejects %s, saying why', (_name, change, reason) => {
    expect(reasonOf(schedule(change))).toBe(reason);
  });

  it('takes a window that started a moment ago and ends in the future', () => {
    expect(schedule({ start: NOW - 5_000 }).status).toBe('applied');
  });

  it('rejects a window id that exists', () => {
    expect(reasonOf(schedule({}, { 'mw-new': stored('db-01', NOW + 5 * HOUR, NOW + 6 * HOUR) }))).toBe('A maintenance window mw-new already exists.');
  });

  it('rejects a window overlapping another of the same scope, naming it', () => {
    expect(reasonOf(schedule({}, { 'mw-web': stored('web-01', NOW + HOUR - 1, NOW + 2 * HOUR) }))).toBe(
      'Maintenance window mw-web already covers web-01 for part of that time; cancel it first.',
    );
    expect(reasonOf(schedule({ host: null }, { 'mw-all': stored(null, NOW - HOUR, NOW + 1) }))).toBe(
      'Maintenance window mw-all already covers the whole tenant for part of that time; cancel it first.',
    );
  });

  it('takes a window that only touches another, or overlaps one of another scope', () => {
    expect(schedule({}, { before: stored('web-01', NOW - HOUR, NOW), after: stored('web-01', NOW + HOUR, NOW + 2 * HOUR) }).status).toBe('applied');
    expect(schedule({}, { all: stored(null, NOW, NOW + HOUR), db: stored('db-01', NOW, NOW + HOUR) }).status).toBe('applied');
  });

  it(`keeps at most ${MAINTENANCE_LIMITS.windows} windows, counting only those not ended`, () => {
    expect(schedule({}, manyWindows(MAINTENANCE_LIMITS.windows - 1)).status).toBe('applied');
    expect(reasonOf(schedule({}, manyWindows(MAINTENANCE_LIMITS.windows)))).toBe('A tenant keeps at most 50 maintenance windows; cancel one first.');
    const ended = recordOf(Object.entries(manyWindows(MAINTENANCE_LIMITS.windows)).map(([id, w]) => [id, { ...w, end: NOW }] as const));
    expect(schedule({}, ended).status).toBe('applied');
  });

  it('rejects when the tenant document is missing', () => {
    expect(scheduleMaintenance.decide(ASKED, context(undefined, null))).toEqual({ status: 'rejected', reason: 'The tenant document does not exist.' });
  });
});

describe('cancel-maintenance', () => {
  const cancel = (windowId: string, maintenance?: TenantDoc['maintenance']) =>
    cancelMaintenance.decide({ kind: 'cancel-maintenance', windowId }, context(maintenance));

  it('removes the window, records it as replaced, and prunes the ended ones', () => {
    const active = stored('web-01', NOW - HOUR, NOW + HOUR);
    expect(cancel('mw-1', { 'mw-1': active, ended: stored(null, NOW - HOUR, NOW), other: stored('db-01', NOW, NOW + HOUR) })).toEqual({
      status: 'applied',
      previous: active,
      change: { other: stored('db-01', NOW, NOW + HOUR) },
      write: expect.any(Function),
    });
  });

  it('rejects an unknown id, an ended window and a name of the prototype', () => {
    const reason = (id: string) => `Maintenance window ${id} does not exist or has already ended.`;
    expect(cancel('mw-unknown', {})).toEqual({ status: 'rejected', reason: reason('mw-unknown') });
    expect(cancel('ended', { ended: stored(null, NOW - HOUR, NOW) })).toEqual({ status: 'rejected', reason: reason('ended') });
    expect(cancel('constructor', undefined)).toEqual({ status: 'rejected', reason: reason('constructor') });
  });
});
