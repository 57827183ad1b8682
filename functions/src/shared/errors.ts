import { HttpsError, type FunctionsErrorCode } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import type { ErrorResponse } from '@pulseboard/contracts';

/** Every way a request can fail through the caller's doing. Anything else is an internal error. */
export type DomainErrorCode =
  | 'invalid-argument'
  | 'unauthenticated'
  | 'permission-denied'
  | 'not-found'
  | 'failed-precondition'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'unsupported-media-type';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
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
  'failed-precondition': 409,
  'method-not-allowed': 405,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
};

const HTTPS_ERROR_CODE: Record<DomainErrorCode, FunctionsErrorCode> = {
  'invalid-argument': 'invalid-argument',
  unauthenticated: 'unauthenticated',
  'permission-denied': 'permission-denied',
  'not-found': 'not-found',
  'failed-precondition': 'failed-precondition',
  'method-not-allowed': 'invalid-argument',
  'payload-too-large': 'invalid-argument',
  'unsupported-media-type': 'invalid-argument',
};

/** The HTTP answer for any thrown value: a domain error says what is wrong; anything else is logged and hidden. */
export function toHttpError(error: unknown, context: Record<string, unknown>): { status: number; body: ErrorResponse } {
  if (error instanceof DomainError) {
    return { status: HTTP_STATUS[error.code], body: { error: { code: error.code, message: error.message } } };
  }
  logger.error('unexpected error', { ...context, error: error instanceof Error ? error.stack : String(error) });
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error; it has been logged.' } } };
}

/** The same mapping for callable functions. */
export function toHttpsError(error: unknown, context: Record<string, unknown>): HttpsError {
  if (error instanceof HttpsError) return error;
  if (error instanceof DomainError) return new HttpsError(HTTPS_ERROR_CODE[error.code], error.message);
  logger.error('unexpected error', { ...context, error: error instanceof Error ? error.stack : String(error) });
  return new HttpsError('internal', 'Internal error; it has been logged.');
}
