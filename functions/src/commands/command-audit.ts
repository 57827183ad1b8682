import type { CommandPayload } from '@pulseboard/contracts';
import type { AuditRecord } from '../audit/record-audit';
import type { CommandDecision } from './decide-command';
import { serverKindOf } from './kinds';

/**
 * The audit entry's id for a settled command. Firestore's own ids have no '-', so no other entry
 * can take it, and settling the same command again (it cannot: it is no longer pending) would collide.
 */
export const commandAuditId = (commandId: string): string => `command-${commandId}`;

/** A settled command as an audit entry: what it asked for, what it replaced when applied, and how it ended. */
export function commandAudit(payload: CommandPayload, requestedBy: string, decision: CommandDecision): AuditRecord {
  return {
    actor: requestedBy,
    action: `command.${payload.kind}`,
    ...serverKindOf(payload).audit(payload),
    oldValue: decision.status === 'applied' ? decision.previous : null,
    outcome: decision.status === 'applied' ? { status: 'applied', reason: null } : { status: decision.status, reason: decision.reason },
  };
}
