import { describe, expect, it } from 'vitest';
import type { CommandPayload, MaintenanceWindows } from '@pulseboard/contracts';
import { describePayload, describeReplaced, describeRequested } from '.';
import { describeRollback, withoutCommand, type PendingCommand } from '../pending-commands';
import { overlaidMaintenance } from './maintenance';

const T = Date.UTC(2026, 11, 2, 18, 0);
const HOUR = 3_600_000;
const SERVER: MaintenanceWindows = {
  'mw-b': { host: 'web-01', start: T + HOUR, end: T + 2 * HOUR, note: 'kernel', createdBy: 'uid-1' },
  'mw-a': { host: null, start: T, end: T + HOUR, note: '', createdBy: 'uid-2' },
};

const pending = (id: string, payload: CommandPayload): PendingCommand => ({ id, payload, clickedAt: 0, acceptedAt: 0, restored: false });
const schedule = (id: string, windowId: string, start = T + 3 * HOUR): PendingCommand =>
  pending(id, { kind: 'schedule-maintenance', windowId, host: 'db-01', start, end: start + HOUR, note: 'disk swap' });
const cancel = (id: string, windowId: string): PendingCommand => pending(id, { kind: 'cancel-maintenance', windowId });

describe('overlaidMaintenance', () => {
  it("shows the server's windows, soonest first, none of them pending", () => {
    expect(overlaidMaintenance(SERVER, []).map(({ id, pendingId }) => [id, pendingId])).toEqual([['mw-a', null], ['mw-b', null]]);
    expect(overlaidMaintenance(undefined, [])).toEqual([]);
  });

  it('shows a pending schedule at once, marked with its command, and drops it when rolled back', () => {
    const commands = [schedule('c1', 'mw-new', T - HOUR)];
    expect(overlaidMaintenance(SERVER, commands)[0]).toEqual({ id: 'mw-new', host: 'db-01', start: T - HOUR, end: T, note: 'disk swap', pendingId: 'c1' });
    expect(overlaidMaintenance(SERVER, withoutCommand(commands, 'c1')).map(({ id }) => id)).toEqual(['mw-a', 'mw-b']);
  });

  it('takes a window away while its cancel is pending, and brings it back when the cancel is rolled back', () => {
    const commands = [cancel('c1', 'mw-b')];
    expect(overlaidMaintenance(SERVER, commands).map(({ id }) => id)).toEqual(['mw-a']);
    expect(overlaidMaintenance(SERVER, withoutCommand(commands, 'c1')).map(({ id }) => id)).toEqual(['mw-a', 'mw-b']);
  });

  it('follows the order of the clicks: a window scheduled then cancelled before any answer is gone', () => {
    expect(overlaidMaintenance(SERVER, [schedule('c1', 'mw-new'), cancel('c2', 'mw-new')]).map(({ id }) => id)).toEqual(['mw-a', 'mw-b']);
  });

  it('keeps a window id of the prototype as any other', () => {
    expect(overlaidMaintenance({}, [schedule('c1', 'constructor')]).map(({ id }) => id)).toEqual(['constructor']);
    expect(overlaidMaintenance({}, [cancel('c1', 'toString')])).toEqual([]);
  });
});

describe('maintenance commands in words', () => {
  const scheduled = schedule('c1', 'mw-new').payload;
  const cancelled = cancel('c2', 'mw-b').payload;

  it('describes a schedule in a rollback notice and a history', () => {
    expect(describeRollback(scheduled, 'rejected', 'A maintenance window must end in the future.')).toBe(
      'Scheduling maintenance of db-01 was rejected: A maintenance window must end in the future..',
    );
    expect(describeRequested(scheduled)).toMatch(/^db-01, .+ – .+: disk swap$/);
    expect(describeReplaced(scheduled, null)).toBe('no window');
    expect(describePayload({ ...scheduled, host: null } as CommandPayload)).toBe('Scheduling maintenance of the whole workspace');
  });

  it('describes a cancel with the window it removed', () => {
    expect(describePayload(cancelled)).toBe('Cancelling maintenance window mw-b');
    expect(describeRequested(cancelled)).toBe('cancelled');
    expect(describeReplaced(cancelled, SERVER['mw-b'])).toMatch(/^web-01, .+ – .+: kernel$/);
    expect(describeReplaced(cancelled, null)).toBe('–');
  });
});
