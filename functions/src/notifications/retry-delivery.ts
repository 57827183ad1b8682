import { logger } from 'firebase-functions';
import { deliveryDoc, paths, retryDeliveryRequest, type DeliveryDoc, type RetryDeliveryRequest } from '@pulseboard/contracts';
import { signedInCallable, type SignedInCall } from '../shared/callable';
import { db } from '../shared/admin';
import { DomainError } from '../shared/errors';
import { requireMirroredRole } from '../members/membership';
import { recordAudit } from '../audit/record-audit';
import { enqueueDelivery } from './enqueue-delivery';

/**
 * retryDelivery: an admin sends a failed delivery again, as its next generation (a task id of its
 * own, with the queue's whole retry budget). The task is enqueued before the transaction commits
 * the generation: a task that runs first waits for it (decideClaim), and one whose transaction
 * never commits finds an older generation stored and gives up, so no order loses or doubles a send.
 */
export const retryDelivery = signedInCallable({ name: 'retryDelivery', request: retryDeliveryRequest, action: 'retry deliveries' }, retry);

async function retry({ data, callerUid }: SignedInCall<RetryDeliveryRequest>): Promise<{ deliveryId: string; generation: number }> {
  const { tenantId, deliveryId } = data;

  const ref = db.doc(paths.delivery(tenantId, deliveryId));
  const failed = await db.runTransaction(async (tx) => {
    await requireMirroredRole(tx, db, { tenantId, uid: callerUid, needed: 'admin', action: 'retry its deliveries' });
    return failedDelivery(tenantId, deliveryId, (await tx.get(ref)).data());
  });
  const generation = failed.generation + 1;
  await enqueueDelivery({ tenantId, deliveryId, generation });

  await db.runTransaction(async (tx) => {
    await requireMirroredRole(tx, db, { tenantId, uid: callerUid, needed: 'admin', action: 'retry its deliveries' });
    const stored = failedDelivery(tenantId, deliveryId, (await tx.get(ref)).data());
    if (stored.generation !== failed.generation) throw new DomainError('failed-precondition', `Delivery ${deliveryId} was retried by someone else a moment ago.`);
    const now = Date.now();
    const reset: Partial<DeliveryDoc> = { status: 'pending', generation, attempts: 0, lastAnswerCode: null, reason: null, notBefore: null, leaseUntil: null, updatedAt: now };
    tx.update(ref, reset);
    recordAudit(tx, db, tenantId, { actor: callerUid, action: 'delivery.retry', target: deliveryId, oldValue: { status: 'failed', reason: stored.reason }, newValue: { status: 'pending', generation } });
  });
  logger.info('delivery retried', { tenantId, deliveryId, generation, by: callerUid });
  return { deliveryId, generation };
}

function failedDelivery(tenantId: string, deliveryId: string, data: unknown): DeliveryDoc {
  const stored = deliveryDoc.safeParse(data);
  if (!stored.success) throw new DomainError('not-found', `${tenantId} has no delivery ${deliveryId}.`);
  if (stored.data.status !== 'failed') throw new DomainError('failed-precondition', `Only a failed delivery can be retried; ${deliveryId} is ${stored.data.status}.`);
  return stored.data;
}
