import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { defineInt } from 'firebase-functions/params';
import { logger } from 'firebase-functions';
import { COMMAND_DEADLINE_MS, COMMAND_OFFLINE_LIMIT_MS } from '@pulseboard/contracts';
import { countingWrites, writesSoFar } from '../shared/document-writes';
import { settleCommand } from './settle-command';

/** How long after requestedAt a command may still be applied; later it is settled as expired. */
const commandDeadlineMs = defineInt('COMMAND_DEADLINE_MS', { default: COMMAND_DEADLINE_MS });
/** How long after the operator's click a command may reach the server; later it is expired while offline. */
const commandOfflineLimitMs = defineInt('COMMAND_OFFLINE_LIMIT_MS', { default: COMMAND_OFFLINE_LIMIT_MS });

/**
 * Settles each command the client creates. retry: true, deliberately: the settlement is
 * idempotent (a settled command is never touched again) and bounded (a retry after the deadline
 * settles the command as expired at once, without applying it), so retrying a transient
 * failure can never apply a change twice or late, while not retrying would leave the command
 * pending in the audit log forever.
 */
export const applyCommand = onDocumentCreated(
  { document: 'tenants/{tenantId}/commands/{commandId}', retry: true },
  (event) =>
    countingWrites(async () => {
      const { tenantId, commandId } = event.params;
      const limits = { deadlineMs: commandDeadlineMs.value(), offlineLimitMs: commandOfflineLimitMs.value() };
      const status = await settleCommand(tenantId, commandId, limits, event.data?.data());
      logger.info(status === null ? 'command already settled' : 'command settled', {
        eventId: event.id,
        tenantId,
        commandId,
        status,
        ...writesSoFar(),
      });
    }),
);
