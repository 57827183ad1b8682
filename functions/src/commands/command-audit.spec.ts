import { describe, expect, it } from 'vitest';
import { auditEntry } from '@pulseboard/contracts';
import { commandAudit, commandAuditId } from './command-audit';

describe('commandAudit', () => {
  it('an applied threshold records the host and metric, the levels replaced and the new ones', () => {
    const payload = { kind: 'set-threshold', host: 'web-1', metric: 'cpu', levels: { warning: 70, critical: 90 } } as const;
    const record = commandAudit(payload, 'uid-1', { status: 'applied', previous: null, change: { host: 'web-1', metric: 'cpu', levels: payload.levels }, write: () => undefined });
    expect(record).toEqual({
      actor: 'uid-1',
      action: 'command.set-threshold',
      target: 'web-1/cpu',
      oldValue: null,
      newValue: { warning: 70, critical: 90 },
      outcome: { status: 'applied', reason: null },
    });
    expect(auditEntry.safeParse({ at: 1, ...record }).success).toBe(true);
  });

  it('a rejected command records what it asked for, no old value and the reason', () => {
    const record = commandAudit({ kind: 'silence-host', host: 'web-1', until: 5 }, 'uid-1', { status: 'rejected', reason: 'Host web-1 does not exist.' });
    expect(record).toMatchObject({ action: 'command.silence-host', target: 'web-1', oldValue: null, newValue: 5, outcome: { status: 'rejected', reason: 'Host web-1 does not exist.' } });
  });

  it('an acknowledged alert records the state it left and the one it reached', () => {
    const record = commandAudit({ kind: 'ack-alert', alertId: 'a-1' }, 'uid-1', {
      status: 'applied',
      previous: 'open',
      change: { alertId: 'a-1', patch: { state: 'acknowledged' }, clearActiveAlertOf: null },
      write: () => undefined,
    });
    expect(record).toMatchObject({ action: 'command.ack-alert', target: 'a-1', oldValue: 'open', newValue: 'acknowledged' });
  });

  it("an entry id no auto id can take (Firestore's have no '-')", () => {
    expect(commandAuditId('abc')).toBe('command-abc');
  });
});

describe('auditEntry', () => {
  it.each(['command.set-everything', 'member.delete', 'command.'])('refuses the action %s', (action) => {
    const entry = { at: 1, actor: null, action, target: null, oldValue: null, newValue: null, outcome: null };
    expect(auditEntry.safeParse(entry).success).toBe(false);
  });
});
