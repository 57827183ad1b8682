import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { HttpsError } from 'firebase-functions/v2/https';
import { defineString } from 'firebase-functions/params';
import { logger } from 'firebase-functions';
import { channelDoc, channelSecretDoc, deliveryDoc, deliveryTask, paths, type DeliveryDoc, type DeliveryTask } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { countedTransaction, countedWrite, countingWrites, writesSoFar } from '../shared/document-writes';
import { decideAttempt, decideClaim, settledDelivery } from './decide-attempt';
import { sendNotification } from './send-notification';

/** The app's base URL, for the link to the alert in every notification. */
const appUrl = defineString('APP_URL', { default: 'http://127.0.0.1:5000' });

/**
 * The queue's retry policy is the delivery's: every attempt that should be retried throws, and the
 * queue backs off exponentially (2 s doubling 5 times to 64 s, then +64 s a try up to 300 s; about
 * 7 minutes over 8 tries). A 429's Retry-After is honoured the same way, not by a second task: the
 * delivery keeps `notBefore`, and a try that comes earlier waits again without sending. One path
 * for every retry, one budget, and it behaves the same in the tasks emulator, which ignores a
 * task's schedule time. Cloud Tasks adds no jitter to this backoff.
 */
export const DELIVERY_RETRY = { maxAttempts: 8, minBackoffSeconds: 2, maxBackoffSeconds: 300, maxDoublings: 5 } as const;

/** How long one attempt may hold its delivery: the send's timeout plus the writes around it. */
const LEASE_MS = 30_000;

export const deliverNotification = onTaskDispatched(
  {
    retryConfig: DELIVERY_RETRY,
    // A burst of alerts (a fleet-wide incident) reaches receivers at a pace they can take.
    rateLimits: { maxConcurrentDispatches: 20, maxDispatchesPerSecond: 50 },
  },
  async (request) => {
    const task = deliveryTask.safeParse(request.data);
    if (!task.success) {
      // Retrying cannot make it valid: acknowledge it, loudly.
      logger.error('undeliverable task', { taskId: request.id, data: JSON.stringify(request.data).slice(0, 500) });
      return;
    }
    const lastTry = (request.retryCount ?? 0) >= DELIVERY_RETRY.maxAttempts - 1;
    await countingWrites(() => attemptDelivery(task.data, lastTry));
  },
);

async function attemptDelivery({ tenantId, deliveryId, generation }: DeliveryTask, lastTry: boolean): Promise<void> {
  const ref = db.doc(paths.delivery(tenantId, deliveryId));
  const claimed = await countedTransaction(async (tx): Promise<DeliveryDoc | null> => {
    const parsed = deliveryDoc.safeParse((await tx.get(ref)).data());
    if (!parsed.success) {
      logger.warn('delivery missing or unreadable', { tenantId, deliveryId });
      return null;
    }
    const now = Date.now();
    const claim = decideClaim(parsed.data, { generation, lastTry, now });
    if (claim.kind === 'wait') throw new HttpsError('unavailable', claim.why);
    if (claim.kind === 'done') {
      logger.info('delivery needs nothing', { tenantId, deliveryId, why: claim.why });
      return null;
    }
    const attempts = parsed.data.attempts + 1;
    tx.update(ref, { attempts, leaseUntil: now + LEASE_MS, updatedAt: now });
    return { ...parsed.data, attempts };
  });
  if (claimed === null) return;

  const [channel, secret] = await Promise.all([
    db.doc(paths.channel(tenantId, claimed.channelId)).get(),
    db.doc(paths.channelSecret(tenantId, claimed.channelId)).get(),
  ]);
  const target = channelDoc.safeParse(channel.data());
  const outcome = target.success
    ? await sendNotification(target.data, channelSecretDoc.safeParse(secret.data()).data?.secret ?? null, {
        tenantId,
        deliveryId,
        alertId: claimed.alertId,
        transition: claimed.transition,
        alert: claimed.alert,
        appUrl: appUrl.value(),
      })
    : ({ kind: 'unsendable', reason: 'the channel was deleted' } as const);
  const now = Date.now();
  const decision = decideAttempt(outcome, { lastAttempt: lastTry, attempts: claimed.attempts, now });
  await countedWrite(ref.update(settledDelivery(decision, now)));
  logger.info('delivery attempted', { tenantId, deliveryId, attempt: claimed.attempts, ...decision, ...writesSoFar() });
  if (decision.status === 'retrying') throw new HttpsError('unavailable', decision.reason);
}
