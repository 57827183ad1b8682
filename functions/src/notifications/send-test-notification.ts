import { randomUUID } from 'node:crypto';
import { logger } from 'firebase-functions';
import { channelDoc, paths, sendTestNotificationRequest, testDeliveryId, type AlertDoc, type SendTestNotificationResponse, type SendTestNotificationRequest } from '@pulseboard/contracts';
import { signedInCallable, type SignedInCall } from '../shared/callable';
import { db } from '../shared/admin';
import { DomainError } from '../shared/errors';
import { requireMirroredRole } from '../members/membership';
import { newDelivery } from './plan-deliveries';
import { enqueueDelivery } from './enqueue-delivery';
import { storedDelivery } from './stored-delivery';

/** The alert a test notification describes: plainly not a real host. */
function testAlert(now: number): AlertDoc {
  return {
    host: 'pulseboard-test',
    metric: 'test',
    level: 'warning',
    state: 'open',
    threshold: 0,
    peak: 0,
    lastValue: 0,
    openedAt: now,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    updatedAt: now,
  };
}

/**
 * sendTestNotification: an admin's "send test" button. One delivery of a made-up alert, through the
 * same queue, signature and retries as a real one (whatever the channel's filters or enabled flag
 * say), so its row in the delivery log says whether the receiver is reachable.
 */
export const sendTestNotification = signedInCallable({ name: 'sendTestNotification', request: sendTestNotificationRequest, action: 'test notification channels' }, sendTest);

async function sendTest({ data, callerUid }: SignedInCall<SendTestNotificationRequest>): Promise<SendTestNotificationResponse> {
  const { tenantId, channelId } = data;

  const deliveryId = testDeliveryId(randomUUID(), channelId);
  await db.runTransaction(async (tx) => {
    await requireMirroredRole(tx, db, { tenantId, uid: callerUid, needed: 'admin', action: 'test its notification channels' });
    const channel = channelDoc.safeParse((await tx.get(db.doc(paths.channel(tenantId, channelId)))).data());
    if (!channel.success) throw new DomainError('not-found', `${tenantId} has no notification channel ${channelId}.`);
    const now = Date.now();
    tx.create(db.doc(paths.delivery(tenantId, deliveryId)), storedDelivery(newDelivery({ channelId, alertId: 'test', transition: 'test', alert: testAlert(now) }, now)));
  });
  await enqueueDelivery({ tenantId, deliveryId, generation: 0 });
  logger.info('test notification queued', { tenantId, channelId, deliveryId, by: callerUid });
  return { deliveryId };
}
