import { logger } from 'firebase-functions';
import { channelDoc, deleteNotificationChannelRequest, paths, type DeleteNotificationChannelRequest } from '@pulseboard/contracts';
import { signedInCallable, type SignedInCall } from '../shared/callable';
import { db } from '../shared/admin';
import { DomainError } from '../shared/errors';
import { requireMirroredRole } from '../members/membership';
import { recordAudit } from '../audit/record-audit';
import { channelSettingsOf } from './save-notification-channel';

/**
 * deleteNotificationChannel (a public contract): the channel and its secret go in one
 * transaction. Its deliveries stay in the log; one still pending fails with "the channel was deleted".
 */
export const deleteNotificationChannel = signedInCallable({ name: 'deleteNotificationChannel', request: deleteNotificationChannelRequest, action: 'manage notification channels' }, deleteChannel);

async function deleteChannel({ data, callerUid }: SignedInCall<DeleteNotificationChannelRequest>): Promise<{ channelId: string }> {
  const { tenantId, channelId } = data;

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
