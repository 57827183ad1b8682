import { randomUUID } from 'node:crypto';
import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import {
  channelDoc,
  describeIssues,
  paths,
  sendTestNotificationRequest,
  testDeliveryId,
  type AlertDoc,
  type SendTestNotificationResponse,
} from '@pulseboard/contracts';
import { CALLABLE_OPTIONS } from '../shared/callable-options';
import { db } from '../shared/admin';
import { DomainError, toHttpsError } from '../shared/errors';
import { requireMirroredRole, signedInCaller } from '../members/membership';
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
export const sendTestNotification = onCall(CALLABLE_OPTIONS, async (request): Promise<SendTestNotificationResponse> => {
  try {
    return await sendTest(request);
  } catch (error) {
    throw toHttpsError(error, { function: 'sendTestNotification', caller: request.auth?.uid });
  }
});

async function sendTest(request: CallableRequest<unknown>): Promise<SendTestNotificationResponse> {
  const parsed = sendTestNotificationRequest.safeParse(request.data);
  if (!parsed.success) throw new DomainError('invalid-argument', describeIssues(parsed.error));
  const { tenantId, channelId } = parsed.data;
  const callerUid = signedInCaller(request, 'test notification channels');

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
