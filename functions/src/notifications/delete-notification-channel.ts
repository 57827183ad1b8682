import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import { channelDoc, deleteNotificationChannelRequest, describeIssues, paths } from '@pulseboard/contracts';
import { CALLABLE_OPTIONS } from '../shared/callable-options';
import { db } from '../shared/admin';
import { DomainError, toHttpsError } from '../shared/errors';
import { requireMirroredRole, signedInCaller } from '../members/membership';
import { recordAudit } from '../audit/record-audit';
import { channelSettingsOf } from './save-notification-channel';

/**
 * deleteNotificationChannel (a public contract): the channel and its secret go in one
 * transaction. Its deliveries stay in the log; one still pending fails with "the channel was deleted".
 */
export const deleteNotificationChannel = onCall(CALLABLE_OPTIONS, async (request): Promise<{ channelId: string }> => {
  try {
    return await deleteChannel(request);
  } catch (error) {
    throw toHttpsError(error, { function: 'deleteNotificationChannel', caller: request.auth?.uid });
  }
});

async function deleteChannel(request: CallableRequest<unknown>): Promise<{ channelId: string }> {
  const parsed = deleteNotificationChannelRequest.safeParse(request.data);
  if (!parsed.success) throw new DomainError('invalid-argument', describeIssues(parsed.error));
  const { tenantId, channelId } = parsed.data;
  const callerUid = signedInCaller(request, 'manage notification channels');

  const ref = db.doc(paths.channel(tenantId, channelId));
  await db.runTransaction(async (tx) => {
    await requireMirroredRole(tx, db, { tenantId, uid: callerUid, needed: 'admin', action: 'manage its notification channels' });
    const stored = channelDoc.safeParse((await tx.get(ref)).data());
    if (!stored.success) throw new DomainError('not-found', `${tenantId} has no notification channel ${channelId}.`);
    tx.delete(ref);
    tx.delete(db.doc(paths.channelSecret(tenantId, channelId)));
    recordAudit(tx, db, tenantId, { actor: callerUid, action: 'channel.delete', target: channelId, oldValue: channelSettingsOf(stored.data), newValue: null });
  });
  logger.info('notification channel deleted', { tenantId, channelId, by: callerUid });
  return { channelId };
}
