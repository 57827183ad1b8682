import { DELIVERY_HEADER, paths, SIGNATURE_HEADER, type ChannelDoc } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import type { AttemptOutcome } from './decide-attempt';
import { createIfAbsent } from './create-if-absent';
import { mailMessage, slackBody, webhookBody, webhookSignature, type NotificationFacts } from './render-notification';

/** How long a receiver may take to answer one attempt. */
const SEND_TIMEOUT_MS = 10_000;

/**
 * One attempt of one delivery through its channel. Whatever the receiver does is an outcome; only a
 * failed write of the mail document throws (the queue tries again).
 */
export async function sendNotification(channel: ChannelDoc, secret: string | null, facts: NotificationFacts): Promise<AttemptOutcome> {
  switch (channel.type) {
    case 'email':
      // Written once under the delivery's id: a second attempt finds it there, and the extension sends it once.
      await createIfAbsent(db.doc(paths.mail(facts.tenantId, facts.deliveryId)), mailMessage(facts, channel.to));
      return { kind: 'handed-over' };
    case 'slack':
      return post(channel.url, slackBody(facts), { [DELIVERY_HEADER]: facts.deliveryId });
    case 'webhook': {
      if (secret === null) return { kind: 'unsendable', reason: 'the channel has no signing secret' };
      const body = webhookBody(facts);
      const signature = webhookSignature(secret, Math.floor(Date.now() / 1000), body);
      return post(channel.url, body, { [DELIVERY_HEADER]: facts.deliveryId, [SIGNATURE_HEADER]: signature });
    }
  }
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<AttemptOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Pulseboard-Notifications/1', ...headers },
      // A redirect is the receiver's answer, not an invitation to post the alert elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { kind: 'answer', status: response.status, retryAfter: response.headers.get('Retry-After') };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return { kind: 'no-answer', reason: `no answer within ${SEND_TIMEOUT_MS / 1000} s` };
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return { kind: 'no-answer', reason: `no answer: ${cause}` };
  }
}
