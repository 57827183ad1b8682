import { DELIVERY_REASON_MAX, type DeliveryDoc } from '@pulseboard/contracts';

/**
 * How one attempt went: the receiver's HTTP status (and its Retry-After), no answer at all; for
 * email, the message handed to the Trigger Email extension's collection; or nothing could be sent
 * (the channel was deleted, a webhook lost its secret), which no retry can mend.
 */
export type AttemptOutcome =
  | { kind: 'answer'; status: number; retryAfter: string | null }
  | { kind: 'no-answer'; reason: string }
  | { kind: 'handed-over' }
  | { kind: 'unsendable'; reason: string };

/**
 * What a task does with its delivery before it sends anything:
 * - `done`: sent or failed already, or a task of an older generation (retryDelivery started a
 *   newer one): nothing, so a redelivered task never sends twice;
 * - `wait`: another attempt holds the lease, the Retry-After has not passed, or the task is of a
 *   generation not committed yet: the queue should try again later;
 * - `attempt`: claim it and send.
 * The queue's last try does not wait for a Retry-After (it would be dropped otherwise) and leaves
 * a leased delivery to the attempt holding it.
 */
export type ClaimDecision = { kind: 'done'; why: string } | { kind: 'wait'; why: string } | { kind: 'attempt' };

export function decideClaim(delivery: DeliveryDoc, task: { generation: number; lastTry: boolean; now: number }): ClaimDecision {
  if (task.generation < delivery.generation) return { kind: 'done', why: `generation ${task.generation} was superseded by ${delivery.generation}` };
  if (task.generation > delivery.generation) return { kind: 'wait', why: `generation ${task.generation} is not committed yet` };
  if (delivery.status === 'sent' || delivery.status === 'failed') return { kind: 'done', why: `already ${delivery.status}` };
  if (delivery.leaseUntil !== null && delivery.leaseUntil > task.now) {
    return task.lastTry ? { kind: 'done', why: 'the attempt in flight settles it' } : { kind: 'wait', why: 'another attempt is in flight' };
  }
  if (delivery.notBefore !== null && delivery.notBefore > task.now && !task.lastTry) {
    return { kind: 'wait', why: `the receiver asked to wait until ${new Date(delivery.notBefore).toISOString()}` };
  }
  return { kind: 'attempt' };
}

/** The longest Retry-After honoured: a receiver cannot park a delivery for hours. */
export const RETRY_AFTER_CAP_SECONDS = 120;

export type AttemptDecision =
  | { status: 'sent'; lastAnswerCode: number | null }
  | { status: 'retrying'; lastAnswerCode: number | null; reason: string; notBefore: number | null }
  | { status: 'failed'; lastAnswerCode: number | null; reason: string };

/** Retry-After in delay-seconds or HTTP-date form (RFC 9110 10.2.3), as epoch ms; null when absent or unreadable. */
export function retryAfterUntil(header: string | null, now: number): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  // HTTP dates end in GMT; without that check Date.parse reads "-5" as a year.
  const until = /^\d+$/.test(trimmed) ? now + Number(trimmed) * 1000 : trimmed.endsWith(' GMT') ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(until)) return null;
  return Math.min(Math.max(until, now), now + RETRY_AFTER_CAP_SECONDS * 1000);
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The delivery's state after one attempt: 2xx is sent; a timeout, a network error, 408, 429 and
 * 5xx are retried (after the Retry-After when one came) unless this was the last attempt; any
 * other answer (4xx, a redirect, which is not followed) and an unsendable delivery fail at once,
 * saying why.
 */
export function decideAttempt(outcome: AttemptOutcome, context: { lastAttempt: boolean; attempts: number; now: number }): AttemptDecision {
  if (outcome.kind === 'handed-over') return { status: 'sent', lastAnswerCode: null };
  if (outcome.kind === 'unsendable') return { status: 'failed', lastAnswerCode: null, reason: clip(outcome.reason) };
  if (outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300) return { status: 'sent', lastAnswerCode: outcome.status };
  const lastAnswerCode = outcome.kind === 'answer' ? outcome.status : null;
  const what = outcome.kind === 'answer' ? `the receiver answered HTTP ${outcome.status}` : outcome.reason;
  if (outcome.kind === 'answer' && !retryable(outcome.status)) {
    return { status: 'failed', lastAnswerCode, reason: clip(`${what}; not retried`) };
  }
  if (context.lastAttempt) {
    return { status: 'failed', lastAnswerCode, reason: clip(`${what}; gave up after ${context.attempts} attempts`) };
  }
  const notBefore = outcome.kind === 'answer' ? retryAfterUntil(outcome.retryAfter, context.now) : null;
  return { status: 'retrying', lastAnswerCode, reason: clip(what), notBefore };
}

function clip(reason: string): string {
  return reason.slice(0, DELIVERY_REASON_MAX);
}

/** The fields of a delivery an attempt's decision changes. */
export function settledDelivery(decision: AttemptDecision, now: number): Partial<DeliveryDoc> {
  const common = { leaseUntil: null, updatedAt: now };
  switch (decision.status) {
    case 'sent':
      return { ...common, status: 'sent', lastAnswerCode: decision.lastAnswerCode, sentAt: now, reason: null, notBefore: null };
    case 'retrying':
      return { ...common, status: 'retrying', lastAnswerCode: decision.lastAnswerCode, reason: decision.reason, notBefore: decision.notBefore };
    case 'failed':
      return { ...common, status: 'failed', lastAnswerCode: decision.lastAnswerCode, reason: decision.reason, notBefore: null };
  }
}
