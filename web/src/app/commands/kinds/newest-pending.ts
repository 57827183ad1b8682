import type { CommandKind, PayloadOf } from '@pulseboard/contracts';
import type { PendingCommand } from '../pending-commands';

/**
 * The newest pending command of one kind that matches. Pending commands are kept in submission
 * order, so the last match is what the operator asked for most recently: rolling back any one
 * command leaves the newest of the others (or the server value) showing, whatever the order of
 * the answers.
 */
export function newestPending<K extends CommandKind>(
  pending: readonly PendingCommand[],
  kind: K,
  matches: (payload: PayloadOf<K>) => boolean,
): { id: string; payload: PayloadOf<K> } | undefined {
  for (let index = pending.length - 1; index >= 0; index--) {
    const command = pending[index];
    if (command && command.payload.kind === kind && matches(command.payload as PayloadOf<K>)) {
      return { id: command.id, payload: command.payload as PayloadOf<K> };
    }
  }
  return undefined;
}
