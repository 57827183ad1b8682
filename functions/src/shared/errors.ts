import { HttpsError, type FunctionsErrorCode, type Response } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import type { ErrorResponse } from '@pulseboard/contracts';

/** Every way a request can fail through the caller's doing. Anything else is an internal error. */
export type DomainErrorCode =
  | 'invalid-argument'
  | 'unauthenticated'
  | 'permission-denied'
  | 'not-found'
  | 'already-exists'
  | 'failed-precondition'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'resource-exhausted'
  /** Done in part, and safe to send again (exactly-once by its id): a service it needs failed. */
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Set when the same request may succeed if sent again after that many seconds (a Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

const HTTP_STATUS: Record<DomainErrorCode, number> = {
  'invalid-argument': 400,
  unauthenticated: 401,
  'permission-denied': 403,
  'not-found': 404,
  'already-exists': 409,
  'failed-precondition': 409,
  'method-not-allowed': 405,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'resource-exhausted': 429,
  unavailable: 503,
};

const HTTPS_ERROR_CODE: Record<DomainErrorCode, FunctionsErrorCode> = {
  'invalid-argument': 'invalid-argument',
  unauthenticated: 'unauthenticated',
  'permission-denied': 'permission-denied',
  'not-found': 'not-found',
  'already-exists': 'already-exists',
  'failed-precondition': 'failed-precondition',
  'method-not-allowed': 'invalid-argument',
  'payload-too-large': 'invalid-argument',
  'unsupported-media-type': 'invalid-argument',
  'resource-exhausted': 'resource-exhausted',
  unavailable: 'unavailable',
};

/**
 * A transaction given up because it ran past its time budget (retrying on contended documents);
 * like contention, nothing was written and the same request can be sent again.
 */
export class TransactionBudgetExceeded extends Error {
  constructor(
    readonly elapsedMs: number,
    readonly budgetMs: number,
  ) {
    super(`The transaction was given up after ${elapsedMs} ms (budget ${budgetMs} ms).`);
    this.name = 'TransactionBudgetExceeded';
  }
}

/** gRPC status codes of the Firestore client. */
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_ABORTED = 10;

/**
 * A transaction that lost to concurrent ones after all its attempts or its time budget: ABORTED
 * from Firestore, or, from the Firestore emulator, INVALID_ARGUMENT "Transaction is invalid or
 * closed" once its lock wait timed out. Nothing was written, and the same request can simply be sent again.
 */
function isContention(error: unknown): boolean {
  if (error instanceof TransactionBudgetExceeded) return true;
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error;
  const message = error instanceof Error ? error.message : '';
  return code === GRPC_ABORTED || (code === GRPC_INVALID_ARGUMENT && message.includes('Transaction is invalid or closed'));
}

/** Seconds an agent should wait before resending a request that met contention. */
export const CONTENTION_RETRY_AFTER_SECONDS = 1;

export interface HttpError {
  status: number;
  body: ErrorResponse;
  /** Set when the same request may be sent again after that many seconds (a Retry-After header). */
  retryAfterSeconds?: number;
}

/**
 * The HTTP answer for any thrown value: a domain error says what is wrong; contention is a 503 to
 * retry; anything else is logged and hidden.
 */
export function toHttpError(error: unknown, context: Record<string, unknown>): HttpError {
  if (error instanceof DomainError) {
    const answer = { status: HTTP_STATUS[error.code], body: { error: { code: error.code, message: error.message } } };
    return error.retryAfterSeconds === undefined ? answer : { ...answer, retryAfterSeconds: error.retryAfterSeconds };
  }
  if (isContention(error)) {
    logger.warn('transaction contention', { ...context, error: error instanceof Error ? error.message : String(error) });
    const message = 'Too many concurrent writes to the same documents; nothing was written. Send the same request again (a batchId keeps the retry exactly-once).';
    return { status: 503, body: { error: { code: 'unavailable', message } }, retryAfterSeconds: CONTENTION_RETRY_AFTER_SECONDS };
  }
  logger.error('unexpected error', { ...context, error: error instanceof Error ? error.stack : String(error) });
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error; it has been logged.' } } };
}

/** Answers an HTTP function's failed request: its status and JSON body, with Retry-After when it may be sent again. */
export function sendHttpError(response: Response, error: unknown, context: Record<string, unknown>): void {
  const { status, body, retryAfterSeconds } = toHttpError(error, context);
  if (retryAfterSeconds !== undefined) response.set('Retry-After', String(retryAfterSeconds));
  response.status(status).json(body);
}

/** The same mapping for callable functions. */
export function toHttpsError(error: unknown, context: Record<string, unknown>): HttpsError {
  if (error instanceof HttpsError) return error;
  if (error instanceof DomainError) return new HttpsError(HTTPS_ERROR_CODE[error.code], error.message);
  logger.error('unexpected error', { ...context, error: error instanceof Error ? error.stack : String(error) });
  return new HttpsError('internal', 'Internal error; it has been logged.');
}
