import { COMMAND_KINDS, roleAtLeast, type CommandKind, type PreviousOf } from '@pulseboard/contracts';
import { serverKindOf } from './kinds';
import type { CommandContext, Settling } from './kinds/server-kind';

export type { CommandContext } from './kinds/server-kind';

/** How a command settles: applied with the value it replaced and its write, or not, with the reason. */
export type CommandDecision = Settling<PreviousOf<CommandKind>> | { status: 'expired'; reason: string };

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

const ROLE_NAMES = { operator: 'an operator or admin', admin: 'an admin' } as const;

/**
 * What every command is judged by before its kind's own rules: it arrived in time, and its
 * requester still holds the role its kind needs.
 */
export function decideCommand(context: CommandContext): CommandDecision {
  const travelled = context.requestedAt - context.clickedAt;
  if (travelled > context.offlineLimitMs) {
    return {
      status: 'expired',
      reason: `Expired while offline: it reached the server ${seconds(travelled)} after the click; the limit is ${seconds(context.offlineLimitMs)}.`,
    };
  }
  const age = context.now - context.requestedAt;
  if (age > context.deadlineMs) {
    return {
      status: 'expired',
      reason: `Reached the server ${seconds(age)} after it was sent; the limit is ${seconds(context.deadlineMs)}.`,
    };
  }
  const { minimumRole } = COMMAND_KINDS[context.payload.kind];
  if (!roleAtLeast(context.requesterRole ?? undefined, minimumRole)) {
    return { status: 'rejected', reason: `The requester is no longer ${ROLE_NAMES[minimumRole]} of this tenant.` };
  }
  return serverKindOf(context.payload).decide(context.payload, context);
}
