import { logger } from 'firebase-functions';
import { channelDoc, NOTIFICATION_LIMITS, newChannelSecret, paths, saveNotificationChannelRequest, type ChannelDoc, type ChannelSecretDoc, type SaveNotificationChannelResponse, type SaveNotificationChannelRequest } from '@pulseboard/contracts';
import { signedInCallable } from '../shared/callable';
import { db } from '../shared/admin';
import { DomainError } from '../shared/errors';
import { requireMirroredRole } from '../members/membership';
import { recordAudit } from '../audit/record-audit';

const MANAGE_CHANNELS = 'manage its notification channels';

/**
 * saveNotificationChannel (a public contract): an admin creates a channel (no channelId) or
 * replaces one's settings. A channel that becomes a webhook gets its signing secret, answered
 * this once and never again; the secret lives in channelSecrets, which no client can read.
 */
export const saveNotificationChannel = signedInCallable(
  { name: 'saveNotificationChannel', request: saveNotificationChannelRequest, action: MANAGE_CHANNELS },
  ({ data, callerUid }) => storeChannel(callerUid, data),
);

/**
 * The callable's work once the request is valid and signed in: in one transaction the caller's
 * role, the limit and the write. The limit's count is a query inside that transaction, so two
 * concurrent creations cannot both take the last place: Firestore's serializable transactions
 * make the one whose query range the other wrote into retry, and count again.
 */
export async function storeChannel(callerUid: string, { tenantId, channelId, channel }: SaveNotificationChannelRequest): Promise<SaveNotificationChannelResponse> {
  const ref = channelId === undefined ? db.collection(paths.channels(tenantId)).doc() : db.doc(paths.channel(tenantId, channelId));
  const secretRef = db.doc(paths.channelSecret(tenantId, ref.id));
  // At most the limit's worth of ids: enough to tell a full tenant so.
  const existingChannels = db.collection(paths.channels(tenantId)).select().limit(NOTIFICATION_LIMITS.channelsPerTenant);
  const answer = await db.runTransaction(async (tx): Promise<SaveNotificationChannelResponse> => {
    await requireMirroredRole(tx, db, { tenantId, uid: callerUid, needed: 'admin', action: MANAGE_CHANNELS });
    const [stored, storedSecret, others] = await Promise.all([tx.get(ref), tx.get(secretRef), channelId === undefined ? tx.get(existingChannels) : null]);
    if (channelId !== undefined && !stored.exists) throw new DomainError('not-found', `${tenantId} has no notification channel ${channelId}.`);
    if (others !== null && others.size >= NOTIFICATION_LIMITS.channelsPerTenant) {
      throw new DomainError('failed-precondition', `${tenantId} has ${NOTIFICATION_LIMITS.channelsPerTenant} notification channels, the most a tenant may have; delete one first.`);
    }
    const previous = channelDoc.safeParse(stored.data());
    const now = Date.now();
    const doc: ChannelDoc = { ...channel, createdAt: previous.data?.createdAt ?? now, updatedAt: now, updatedBy: callerUid };
    tx.set(ref, doc);
    const secret = channel.type === 'webhook' && !storedSecret.exists ? newChannelSecret() : undefined;
    if (secret !== undefined) tx.create(secretRef, { secret, createdAt: now } satisfies ChannelSecretDoc);
    recordAudit(tx, db, tenantId, {
      actor: callerUid,
      action: channelId === undefined ? 'channel.create' : 'channel.update',
      target: ref.id,
      oldValue: previous.success ? channelSettingsOf(previous.data) : null,
      newValue: channelSettingsOf(doc),
    });
    return secret === undefined ? { channelId: ref.id } : { channelId: ref.id, secret };
  });

  logger.info('notification channel saved', { tenantId, channelId: answer.channelId, by: callerUid });
  return answer;
}

/** What the audit log keeps of a channel: its settings, not who last saved it when. */
export function channelSettingsOf(doc: ChannelDoc): Omit<ChannelDoc, 'createdAt' | 'updatedAt' | 'updatedBy'> {
  const { createdAt: _created, updatedAt: _updated, updatedBy: _by, ...settings } = doc;
  return settings;
}
