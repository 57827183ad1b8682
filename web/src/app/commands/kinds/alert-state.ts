import type { AlertDoc } from '@pulseboard/contracts';
import type { Overlaid, PendingCommand } from '../pending-commands';
import { newestPending } from './newest-pending';
import type { WebCommandKind } from './web-command-kind';

/** An alert's state with a pending acknowledge or resolve shown at once (the overlay of both kinds). */
export function overlaidAlertState(
  server: AlertDoc['state'],
  pending: readonly PendingCommand[],
  alertId: string,
): Overlaid<AlertDoc['state']> {
  const ack = newestPending(pending, 'ack-alert', (p) => p.alertId === alertId);
  const resolve = newestPending(pending, 'resolve-alert', (p) => p.alertId === alertId);
  // Resolving is final whatever order the operator clicked in, so it wins over an acknowledge.
  if (resolve) return { value: 'resolved', pendingId: resolve.id };
  if (ack && server === 'open') return { value: 'acknowledged', pendingId: ack.id };
  return { value: server, pendingId: null };
}

export const ackAlert: WebCommandKind<'ack-alert'> = {
  describe: ({ alertId }) => `Acknowledging alert ${alertId}`,
  requested: ({ alertId }) => `acknowledge ${alertId}`,
  replaced: (previous) => previous,
};

export const resolveAlert: WebCommandKind<'resolve-alert'> = {
  describe: ({ alertId }) => `Resolving alert ${alertId}`,
  requested: ({ alertId }) => `resolve ${alertId}`,
  replaced: (previous) => previous,
};
