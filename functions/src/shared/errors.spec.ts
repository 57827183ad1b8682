import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from 'firebase-functions';
import { CONTENTION_RETRY_AFTER_SECONDS, DomainError, TransactionBudgetExceeded, toHttpError } from './errors';

/** An error as the Firestore client throws it: a gRPC status code beside the message. */
function grpcError(code: number, message: string): Error {
  return Object.assign(new Error(`${code} ${message}`), { code });
}

describe('toHttpError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers a domain error with its status and message', () => {
    expect(toHttpError(new DomainError('payload-too-large', 'Body over 1 MiB.'), {})).toEqual({
      status: 413,
      body: { error: { code: 'payload-too-large', message: 'Body over 1 MiB.' } },
    });
  });

  it('answers a refusal that may pass later (a quota) with 429 and its Retry-After', () => {
    expect(toHttpError(new DomainError('resource-exhausted', 'Over quota.', 42), {})).toEqual({
      status: 429,
      body: { error: { code: 'resource-exhausted', message: 'Over quota.' } },
      retryAfterSeconds: 42,
    });
  });

  it('answers a request done in part and safe to resend (the live fold not enqueued) with 503 and its Retry-After', () => {
    expect(toHttpError(new DomainError('unavailable', 'Send it again.', 1), {})).toEqual({
      status: 503,
      body: { error: { code: 'unavailable', message: 'Send it again.' } },
      retryAfterSeconds: 1,
    });
  });

  it.each([
    ['Firestore ABORTED', grpcError(10, 'ABORTED: Too much contention on these documents.')],
    ['the emulator closing a transaction after a lock timeout', grpcError(3, 'INVALID_ARGUMENT: Transaction is invalid or closed.')],
    ['a transaction past its time budget', new TransactionBudgetExceeded(20_001, 20_000)],
  ])('answers contention (%s) with a 503 to retry', (_, error) => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const answer = toHttpError(error, { function: 'ingest' });
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'unavailable' } }, retryAfterSeconds: CONTENTION_RETRY_AFTER_SECONDS });
  });

  it.each([
    ['another INVALID_ARGUMENT', grpcError(3, 'INVALID_ARGUMENT: Document path is invalid.')],
    ['a plain error', new Error('secret detail')],
    ['a thrown string', 'boom'],
  ])('hides anything else (%s) behind a logged 500', (_, error) => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const answer = toHttpError(error, { function: 'ingest' });
    expect(answer).toEqual({ status: 500, body: { error: { code: 'internal', message: 'Internal error; it has been logged.' } } });
    expect(logged).toHaveBeenCalledOnce();
  });
});
