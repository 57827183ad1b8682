import type { CommandDoc, CommandPayload } from '@pulseboard/contracts';
import { describePayload } from './kinds';

/** A command the operator submitted that the server has not settled yet. */
export interface PendingCommand {
  /** The client-generated document id: the correlation id of the command. */
  readonly id: string;
  readonly payload: CommandPayload;
  /** The operator's click (epoch ms), written with the command: the server's offline limit counts from it. */
  readonly clickedAt: number;
  /** When the server acknowledged the write; null while the SDK still queues it (offline). */
  readonly acceptedAt: number | null;
  /**
   * Restored from the SDK's queue after a reload: no write call of this page waits for it, so the
   * server refusing it shows only as its document leaving the listener.
   */
  readonly restored: boolean;
}

/** A command document as the listener sees it. */
export type CommandRecord = CommandDoc & { readonly id: string };

/** One of the operator's own commands, and whether its write is still queued on this device. */
export type OwnCommand = CommandRecord & { readonly hasPendingWrites: boolean };

/** Why a pending change was taken back off the screen. */
export type RollbackCause = 'rejected' | 'expired' | 'timeout' | 'write-failed';

export interface CommandNotice {
  readonly commandId: string;
  readonly payload: CommandPayload;
  readonly cause: RollbackCause;
  /** A sentence for the operator. */
  readonly message: string;
}

/** What a view shows for one value: the newest pending change over the server's value. */
export interface Overlaid<V> {
  readonly value: V;
  /** The command whose value is showing, or null when the server's value is. */
  readonly pendingId: string | null;
}

export interface Settlement {
  readonly remaining: readonly PendingCommand[];
  readonly notices: readonly CommandNotice[];
}

/**
 * Brings the pending list in line with the SDK's queue: a command whose write the SDK still holds
 * but the list does not know (written offline before a reload) is shown as queued again, at its
 * click time; a queued one the server now has is accepted, so the client timeout starts for it
 * (`accepted`); a restored one that left the SDK's view unsent was refused by the server and is
 * rolled back with a notice.
 */
export function withQueuedWrites(
  pending: readonly PendingCommand[],
  own: readonly OwnCommand[],
  now: number,
): Settlement & { accepted: string[] } {
  const known = new Set(pending.map((command) => command.id));
  const seen = new Map(own.map((record) => [record.id, record]));
  const accepted: string[] = [];
  const notices: CommandNotice[] = [];
  const kept = pending.flatMap((command) => {
    if (command.acceptedAt !== null) return [command];
    const record = seen.get(command.id);
    if (record === undefined && command.restored) {
      notices.push(rollback(command, 'write-failed', 'it was queued on this device and refused when the connection returned'));
      return [];
    }
    if (record === undefined || record.hasPendingWrites) return [command];
    accepted.push(command.id);
    return [{ ...command, acceptedAt: now }];
  });
  const restored = own
    .filter((record) => record.hasPendingWrites && record.status === 'pending' && !known.has(record.id))
    .map((record) => ({ id: record.id, payload: record.payload, clickedAt: record.clickedAt ?? now, acceptedAt: null, restored: true }))
    .sort((a, b) => a.clickedAt - b.clickedAt);
  // Restored commands were clicked before anything this page submitted.
  return { remaining: [...restored, ...kept], notices, accepted };
}

export function withAccepted(pending: readonly PendingCommand[], id: string, at: number): PendingCommand[] {
  return pending.map((command) => (command.id === id ? { ...command, acceptedAt: at } : command));
}

export function withoutCommand(pending: readonly PendingCommand[], id: string): PendingCommand[] {
  return pending.filter((command) => command.id !== id);
}

const CAUSE_TEXT: Record<Exclude<RollbackCause, 'rejected'>, string> = {
  expired: 'it reached the server after its deadline, so nothing was changed',
  timeout: 'the server did not answer in time, so the change was taken back',
  'write-failed': 'the server refused the write',
};

export function describeRollback(payload: CommandPayload, cause: RollbackCause, reason: string | null): string {
  const what = describePayload(payload);
  if (cause === 'rejected') return `${what} was rejected: ${reason ?? 'no reason given'}.`;
  return `${what} was not applied: ${CAUSE_TEXT[cause]}${reason ? ` (${reason})` : ''}.`;
}

function rollback(command: PendingCommand, cause: RollbackCause, reason: string | null): CommandNotice {
  return {
    commandId: command.id,
    payload: command.payload,
    cause,
    message: describeRollback(command.payload, cause, reason),
  };
}

/**
 * Settles the pending commands the server has answered: an applied one simply leaves the list
 * (the server value now carries it), a rejected or expired one leaves it with a notice.
 */
export function settleAnswered(pending: readonly PendingCommand[], records: readonly CommandRecord[]): Settlement {
  const answers = new Map(records.filter((record) => record.status !== 'pending').map((r) => [r.id, r]));
  const notices: CommandNotice[] = [];
  const remaining = pending.filter((command) => {
    const answer = answers.get(command.id);
    if (!answer) return true;
    if (answer.status === 'rejected' || answer.status === 'expired') {
      notices.push(rollback(command, answer.status, answer.reason));
    }
    return false;
  });
  return { remaining, notices };
}

/**
 * Gives up on commands the server accepted more than `timeoutMs` ago without answering. The
 * clock starts at acceptance, not submission: a write the SDK still queues offline stays pending
 * until the connection returns, as the operator was told.
 */
export function settleTimedOut(pending: readonly PendingCommand[], now: number, timeoutMs: number): Settlement {
  const notices: CommandNotice[] = [];
  const remaining = pending.filter((command) => {
    const late = command.acceptedAt !== null && now - command.acceptedAt >= timeoutMs;
    if (late) notices.push(rollback(command, 'timeout', null));
    return !late;
  });
  return { remaining, notices };
}

/** Rolls back a write the server refused (security rules, validation). */
export function settleFailedWrite(pending: readonly PendingCommand[], id: string, reason: string): Settlement {
  const command = pending.find((candidate) => candidate.id === id);
  if (!command) return { remaining: pending, notices: [] };
  return { remaining: withoutCommand(pending, id), notices: [rollback(command, 'write-failed', reason)] };
}
