import { describe, expect, it } from 'vitest';
import { DELIVERY_KEEP_MS, DELIVERY_REASON_MAX, type DeliveryDoc } from '@pulseboard/contracts';
import { decideAttempt, decideClaim, RETRY_AFTER_CAP_SECONDS, retryAfterUntil, settledDelivery, type AttemptOutcome } from './decide-attempt';

const now = Date.UTC(2026, 11, 2, 12, 0, 0);
const answer = (status: number, retryAfter: string | null = null): AttemptOutcome => ({ kind: 'answer', status, retryAfter });
const midway = { lastAttempt: false, attempts: 2, now };
const last = { lastAttempt: true, attempts: 8, now };

describe('the decision after an attempt', () => {
  it.each([200, 201, 204, 299])('%i is sent, even on the last attempt', (status) => {
    expect(decideAttempt(answer(status), midway)).toEqual({ status: 'sent', lastAnswerCode: status });
    expect(decideAttempt(answer(status), last)).toEqual({ status: 'sent', lastAnswerCode: status });
  });

  it.each([408, 429, 500, 502, 503, 504])('%i is retried', (status) => {
    expect(decideAttempt(answer(status), midway)).toEqual({
      status: 'retrying',
      lastAnswerCode: status,
      reason: `the receiver answered HTTP ${status}`,
      notBefore: null,
    });
  });

  it('a timeout or network error is retried without an answer code', () => {
    expect(decideAttempt({ kind: 'no-answer', reason: 'no answer within 10 s' }, midway)).toEqual({
      status: 'retrying',
      lastAnswerCode: null,
      reason: 'no answer within 10 s',
      notBefore: null,
    });
  });

  it.each([301, 302, 400, 401, 403, 404, 410, 422])('%i fails at once with the reason', (status) => {
    expect(decideAttempt(answer(status), midway)).toEqual({ status: 'failed', lastAnswerCode: status, reason: `the receiver answered HTTP ${status}; not retried` });
  });

  it('the last attempt fails, saying how many were made', () => {
    expect(decideAttempt(answer(503), last)).toEqual({ status: 'failed', lastAnswerCode: 503, reason: 'the receiver answered HTTP 503; gave up after 8 attempts' });
    expect(decideAttempt({ kind: 'no-answer', reason: 'connection refused' }, last)).toMatchObject({ status: 'failed', lastAnswerCode: null });
  });

  it('a 429 with Retry-After waits that long', () => {
    expect(decideAttempt(answer(429, '7'), midway)).toMatchObject({ status: 'retrying', notBefore: now + 7_000 });
    expect(decideAttempt(answer(503, new Date(now + 30_000).toUTCString()), midway)).toMatchObject({ notBefore: now + 30_000 });
  });

  it('keeps a bounded reason', () => {
    const decision = decideAttempt({ kind: 'no-answer', reason: 'x'.repeat(1_000) }, midway);
    expect(decision.status === 'retrying' && decision.reason.length).toBe(DELIVERY_REASON_MAX);
  });
});

describe('Retry-After', () => {
  it.each([
    ['absent', null, null],
    ['seconds', '5', now + 5_000],
    ['an HTTP date', new Date(now + 60_000).toUTCString(), now + 60_000],
    ['a date in the past', new Date(now - 60_000).toUTCString(), now],
    ['beyond the cap', '86400', now + RETRY_AFTER_CAP_SECONDS * 1000],
    ['garbage', 'soon', null],
    ['a negative number', '-5', null],
  ])('%s', (_name, header, expected) => {
    expect(retryAfterUntil(header, now)).toBe(expected);
  });
});

describe('the settled delivery', () => {
  it('releases the lease and records the answer', () => {
    expect(settledDelivery({ status: 'sent', lastAnswerCode: 204 }, now)).toEqual({
      status: 'sent',
      lastAnswerCode: 204,
      sentAt: now,
      reason: null,
      notBefore: null,
      leaseUntil: null,
      updatedAt: now,
    });
    expect(settledDelivery({ status: 'retrying', lastAnswerCode: 429, reason: 'r', notBefore: now + 1 }, now)).toMatchObject({ leaseUntil: null, notBefore: now + 1 });
  });
});

describe('unsendable and handed-over attempts', () => {
  it('an unsendable delivery fails at once; an email handed over is sent without an answer code', () => {
    expect(decideAttempt({ kind: 'unsendable', reason: 'the channel was deleted' }, midway)).toEqual({ status: 'failed', lastAnswerCode: null, reason: 'the channel was deleted' });
    expect(decideAttempt({ kind: 'handed-over' }, midway)).toEqual({ status: 'sent', lastAnswerCode: null });
  });
});

describe('claiming a delivery', () => {
  const delivery: DeliveryDoc = {
    channelId: 'ops',
    alertId: 'a',
    transition: 'opened',
    alert: {
      host: 'h',
      metric: 'cpu',
      level: 'warning',
      state: 'open',
      threshold: 1,
      peak: 1,
      lastValue: 1,
      openedAt: 1,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      updatedAt: 1,
    },
    status: 'pending',
    attempts: 0,
    lastAnswerCode: null,
    reason: null,
    generation: 1,
    notBefore: null,
    leaseUntil: null,
    createdAt: 1,
    updatedAt: 1,
    sentAt: null,
    expiresAt: 1 + DELIVERY_KEEP_MS,
  };
  const task = { generation: 1, lastTry: false, now };

  it.each([
    ['a pending delivery', delivery, task, 'attempt'],
    ['a retrying one whose Retry-After passed', { ...delivery, status: 'retrying', notBefore: now - 1 }, task, 'attempt'],
    ['a sent one (a redelivered task)', { ...delivery, status: 'sent' }, task, 'done'],
    ['a failed one', { ...delivery, status: 'failed' }, task, 'done'],
    ['an older generation', delivery, { ...task, generation: 0 }, 'done'],
    ['a generation not committed yet', delivery, { ...task, generation: 2 }, 'wait'],
    ['one leased by another attempt', { ...delivery, leaseUntil: now + 1 }, task, 'wait'],
    ['one leased, at the last try', { ...delivery, leaseUntil: now + 1 }, { ...task, lastTry: true }, 'done'],
    ['one whose lease expired', { ...delivery, leaseUntil: now }, task, 'attempt'],
    ['one before its Retry-After', { ...delivery, status: 'retrying', notBefore: now + 1 }, task, 'wait'],
    ['one before its Retry-After, at the last try', { ...delivery, status: 'retrying', notBefore: now + 1 }, { ...task, lastTry: true }, 'attempt'],
  ] as const)('%s', (_name, stored, taskNow, expected) => {
    expect(decideClaim(stored, taskNow).kind).toBe(expected);
  });
});
