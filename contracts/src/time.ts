import * as z from 'zod';

/** Anything with toMillis(): a Timestamp from either the web or the Admin SDK. */
interface TimestampLike {
  toMillis(): number;
}
function isTimestampLike(value: unknown): value is TimestampLike {
  return typeof value === 'object' && value !== null && typeof (value as TimestampLike).toMillis === 'function';
}

/** Epoch milliseconds, read from a number or a Firestore Timestamp of either SDK. */
export const epochMs = z.preprocess(
  (value) => (isTimestampLike(value) ? value.toMillis() : value),
  z.number().int().nonnegative(),
);

/** Like epochMs, but a pending serverTimestamp() (null in a local snapshot) reads as null. */
export const pendingEpochMs = epochMs.nullable();
