import { describe, expect, it } from 'vitest';
import type { CommandPayload, CommandStatus } from '@pulseboard/contracts';
import { overlaidAlertState } from './kinds/alert-state';
import { overlaidSilence } from './kinds/silence-host';
import { overlaidThreshold } from './kinds/set-threshold';
import {
  settleAnswered,
  settleFailedWrite,
  settleTimedOut,
  withAccepted,
  withoutCommand,
  withQueuedWrites,
  type CommandRecord,
  type OwnCommand,
  type PendingCommand,
} from './pending-commands';

const SERVER = { warning: 80, critical: 95 };

function threshold(id: string, warning: number, critical: number, acceptedAt: number | null = 0): PendingCommand {
  return { id, payload: { kind: 'set-threshold', host: 'web-01', metric: 'cpu', levels: { warning, critical } }, clickedAt: 0, acceptedAt, restored: false };
}

function answer(command: PendingCommand, status: CommandStatus, reason: string | null = null): CommandRecord {
  return {
    id: command.id,
    payload: command.payload,
    requestedBy: 'uid-1',
    requestedAt: 1,
    clickedAt: 0,
    status,
    reason,
    previous: null,
    resolvedAt: 2,
  };
}

/** Settles `answered` and returns what the row shows afterwards. */
function shownAfter(pending: PendingCommand[], answered: CommandRecord[]) {
  return overlaidThreshold(SERVER, settleAnswered(pending, answered).remaining, 'web-01', 'cpu');
}

describe('overlaidThreshold', () => {
  it('shows the server value when nothing is pending', () => {
    expect(overlaidThreshold(SERVER, [], 'web-01', 'cpu')).toEqual({ value: SERVER, pendingId: null });
  });

  it('shows a submitted value at once, marked with its command', () => {
    expect(overlaidThreshold(SERVER, [threshold('a', 60, 90)], 'web-01', 'cpu')).toEqual({
      value: { warning: 60, critical: 90 },
      pendingId: 'a',
    });
  });

  it('ignores pending commands of other hosts and metrics', () => {
    const other: PendingCommand = {
      id: 'x',
      payload: { kind: 'set-threshold', host: 'web-02', metric: 'cpu', levels: { warning: 1, critical: 2 } },
      clickedAt: 0,
      acceptedAt: 0,
      restored: false,
    };
    expect(overlaidThreshold(SERVER, [other], 'web-01', 'cpu').pendingId).toBeNull();
    expect(overlaidThreshold(SERVER, [threshold('a', 60, 90)], 'web-01', 'errors').pendingId).toBeNull();
  });

  it('shows a pending return to the tenant default as null', () => {
    const reset: PendingCommand = {
      id: 'r',
      payload: { kind: 'set-threshold', host: 'web-01', metric: 'cpu', levels: null },
      clickedAt: 0,
      acceptedAt: 0,
      restored: false,
    };
    expect(overlaidThreshold(SERVER, [reset], 'web-01', 'cpu')).toEqual({ value: null, pendingId: 'r' });
  });
});

describe('settleAnswered', () => {
  it('confirms an applied command without a notice', () => {
    const a = threshold('a', 60, 90);
    const settled = settleAnswered([a], [answer(a, 'applied')]);
    expect(settled).toEqual({ remaining: [], notices: [] });
  });

  it('rolls back a rejected command to the server value and says why', () => {
    const a = threshold('a', 60, 90);
    const settled = settleAnswered([a], [answer(a, 'rejected', 'warning must be below critical')]);
    expect(settled.remaining).toEqual([]);
    expect(settled.notices).toEqual([
      expect.objectContaining({ commandId: 'a', cause: 'rejected', message: expect.stringContaining('warning must be below critical') }),
    ]);
    expect(shownAfter([a], [answer(a, 'rejected')])).toEqual({ value: SERVER, pendingId: null });
  });

  it('rolls back an expired command with a notice naming the deadline', () => {
    const a = threshold('a', 60, 90);
    const settled = settleAnswered([a], [answer(a, 'expired')]);
    expect(settled.notices[0]?.cause).toBe('expired');
    expect(settled.notices[0]?.message).toContain('deadline');
  });

  it('keeps a command whose document is still pending', () => {
    const a = threshold('a', 60, 90);
    expect(settleAnswered([a], [answer(a, 'pending')])).toEqual({ remaining: [a], notices: [] });
  });

  it('rejecting the newer of two commands on one host restores the older pending value', () => {
    const older = threshold('a', 60, 90);
    const newer = threshold('b', 70, 99);
    expect(shownAfter([older, newer], [answer(newer, 'rejected', 'no')])).toEqual({
      value: { warning: 60, critical: 90 },
      pendingId: 'a',
    });
  });

  it('rejecting the older of two commands on one host keeps the newer value showing', () => {
    const older = threshold('a', 60, 90);
    const newer = threshold('b', 70, 99);
    expect(shownAfter([older, newer], [answer(older, 'rejected', 'no')])).toEqual({
      value: { warning: 70, critical: 99 },
      pendingId: 'b',
    });
  });

  it('answers arriving out of order, newer first, end on the server value', () => {
    const older = threshold('a', 60, 90);
    const newer = threshold('b', 70, 99);
    const afterNewer = settleAnswered([older, newer], [answer(newer, 'rejected', 'no')]).remaining;
    const afterBoth = settleAnswered(afterNewer, [answer(older, 'expired')]);
    expect(afterBoth.remaining).toEqual([]);
    expect(afterBoth.notices.map((n) => n.commandId)).toEqual(['a']);
    expect(overlaidThreshold(SERVER, afterBoth.remaining, 'web-01', 'cpu')).toEqual({ value: SERVER, pendingId: null });
  });

  it('settles each command once even when its answer is seen again', () => {
    const a = threshold('a', 60, 90);
    const first = settleAnswered([a], [answer(a, 'rejected', 'no')]);
    expect(settleAnswered(first.remaining, [answer(a, 'rejected', 'no')]).notices).toEqual([]);
  });
});

describe('settleTimedOut', () => {
  it('rolls back a command the server accepted but never answered', () => {
    const a = threshold('a', 60, 90, 1_000);
    const settled = settleTimedOut([a], 13_000, 12_000);
    expect(settled.remaining).toEqual([]);
    expect(settled.notices[0]?.cause).toBe('timeout');
  });

  it('keeps a command still within its time', () => {
    const a = threshold('a', 60, 90, 1_000);
    expect(settleTimedOut([a], 12_999, 12_000)).toEqual({ remaining: [a], notices: [] });
  });

  it('keeps a write queued offline pending however long it waits', () => {
    const queued = threshold('a', 60, 90, null);
    expect(settleTimedOut([queued], 10 * 60_000, 12_000)).toEqual({ remaining: [queued], notices: [] });
  });

  it('starts the clock when a queued write reaches the server', () => {
    const queued = threshold('a', 60, 90, null);
    const accepted = withAccepted([queued], 'a', 100_000);
    expect(settleTimedOut(accepted, 100_500, 12_000).remaining).toHaveLength(1);
    expect(settleTimedOut(accepted, 112_000, 12_000).remaining).toHaveLength(0);
  });
});

describe('settleFailedWrite', () => {
  it('rolls back a refused write with the reason', () => {
    const a = threshold('a', 60, 90, null);
    const settled = settleFailedWrite([a], 'a', 'Missing or insufficient permissions.');
    expect(settled.remaining).toEqual([]);
    expect(settled.notices[0]).toMatchObject({ cause: 'write-failed', message: expect.stringContaining('permissions') });
  });

  it('ignores a failure of a command already settled', () => {
    expect(settleFailedWrite([], 'a', 'gone')).toEqual({ remaining: [], notices: [] });
  });
});

describe('other overlays', () => {
  const silence = (id: string, until: number | null): PendingCommand => ({
    id,
    payload: { kind: 'silence-host', host: 'web-01', until },
    clickedAt: 0,
    acceptedAt: 0,
    restored: false,
  });
  const alertCommand = (id: string, kind: 'ack-alert' | 'resolve-alert'): PendingCommand => ({
    id,
    payload: { kind, alertId: 'al-1' } satisfies CommandPayload,
    clickedAt: 0,
    acceptedAt: 0,
    restored: false,
  });

  it('shows a pending silence and a pending lift of it', () => {
    expect(overlaidSilence(null, [silence('s', 5_000)], 'web-01')).toEqual({ value: 5_000, pendingId: 's' });
    expect(overlaidSilence(5_000, [silence('s', null)], 'web-01')).toEqual({ value: null, pendingId: 's' });
    expect(overlaidSilence(5_000, withoutCommand([silence('s', null)], 's'), 'web-01').value).toBe(5_000);
  });

  it('shows an open alert as acknowledged while the acknowledge is pending', () => {
    expect(overlaidAlertState('open', [alertCommand('k', 'ack-alert')], 'al-1')).toEqual({
      value: 'acknowledged',
      pendingId: 'k',
    });
  });

  it('never shows a resolved alert as acknowledged', () => {
    expect(overlaidAlertState('resolved', [alertCommand('k', 'ack-alert')], 'al-1').value).toBe('resolved');
  });

  it('lets a pending resolve win over a pending acknowledge', () => {
    const pending = [alertCommand('r', 'resolve-alert'), alertCommand('k', 'ack-alert')];
    expect(overlaidAlertState('open', pending, 'al-1')).toEqual({ value: 'resolved', pendingId: 'r' });
  });
});

describe('withQueuedWrites', () => {
  const own = (command: PendingCommand, hasPendingWrites: boolean, clickedAt = command.clickedAt): OwnCommand => ({
    ...answer(command, 'pending'),
    clickedAt,
    hasPendingWrites,
  });
  const restoredFrom = (command: PendingCommand): PendingCommand => ({ ...command, restored: true });

  it('restores the commands the device still queues, oldest click first, before those of this page', () => {
    const current = threshold('now', 50, 60, null);
    const older = threshold('older', 60, 90, null);
    const newer = threshold('newer', 70, 99, null);
    const { remaining, accepted } = withQueuedWrites([current], [own(newer, true, 2_000), own(older, true, 1_000)], 9_000);
    expect(remaining.map((command) => [command.id, command.clickedAt, command.acceptedAt, command.restored])).toEqual([
      ['older', 1_000, null, true],
      ['newer', 2_000, null, true],
      ['now', 0, null, false],
    ]);
    expect(accepted).toEqual([]);
  });

  it('accepts a queued command once the server has it', () => {
    const queued = threshold('a', 60, 90, null);
    expect(withQueuedWrites([queued], [own(queued, false)], 9_000)).toEqual({
      remaining: [{ ...queued, acceptedAt: 9_000 }],
      notices: [],
      accepted: ['a'],
    });
  });

  it('leaves commands it already knows alone, and a command of this page the listener has not seen yet', () => {
    const queued = threshold('a', 60, 90, null);
    const sent = threshold('b', 60, 90, 3_000);
    const notYetSeen = threshold('c', 60, 90, null);
    expect(withQueuedWrites([queued, sent, notYetSeen], [own(queued, true), own(sent, false)], 9_000)).toEqual({
      remaining: [queued, sent, notYetSeen],
      notices: [],
      accepted: [],
    });
  });

  it('rolls back a restored command that left the listener unsent: the server refused it', () => {
    const refused = restoredFrom(threshold('a', 60, 90, null));
    const { remaining, notices } = withQueuedWrites([refused], [], 9_000);
    expect(remaining).toEqual([]);
    expect(notices).toEqual([
      expect.objectContaining({ commandId: 'a', cause: 'write-failed', message: expect.stringContaining('refused when the connection returned') }),
    ]);
  });

  it('restores neither commands already sent nor ones already answered', () => {
    const sent = threshold('a', 60, 90, null);
    const answered = { ...own(threshold('b', 60, 90, null), true), status: 'applied' as const };
    expect(withQueuedWrites([], [own(sent, false), answered], 9_000)).toEqual({ remaining: [], notices: [], accepted: [] });
  });
});
