import { z } from 'zod';
import { safeId } from './ids';

/** Request limits of the ingest endpoint (README: "Ingest contract"). */
export const INGEST_LIMITS = {
  maxDecodedBytes: 1_048_576,
  maxEvents: 5_000,
  /** Events older than this (by `ts`) are rejected as too late for their windows. */
  maxLatenessMs: 15 * 60_000,
  /** Events further in the future than this are rejected (clock skew allowance). */
  maxFutureSkewMs: 60_000,
  maxErrorCodeLength: 32,
  maxErrorMessageLength: 500,
} as const;

const eventTs = z.number().int().positive().optional();

export const metricEvent = z.strictObject({
  type: z.literal('metric'),
  host: safeId,
  metric: safeId,
  value: z.number().refine(Number.isFinite, 'must be a finite number'),
  ts: eventTs,
});
export type MetricEvent = z.infer<typeof metricEvent>;

export const errorEvent = z.strictObject({
  type: z.literal('error'),
  host: safeId,
  code: z.string().min(1).max(INGEST_LIMITS.maxErrorCodeLength),
  message: z.string().max(INGEST_LIMITS.maxErrorMessageLength),
  ts: eventTs,
});
export type ErrorEvent = z.infer<typeof errorEvent>;

export const telemetryEvent = z.discriminatedUnion('type', [metricEvent, errorEvent]);
export type TelemetryEvent = z.infer<typeof telemetryEvent>;

/**
 * The envelope of a batch. Events are validated one by one (see telemetryEvent) so that the
 * valid ones are accepted and each invalid one is reported by its index.
 */
export const ingestBatch = z.strictObject({
  batchId: safeId.optional(),
  events: z.array(z.unknown()).min(1).max(INGEST_LIMITS.maxEvents),
});
export type IngestBatch = z.infer<typeof ingestBatch>;

export const rejectedEvent = z.object({ index: z.number().int().nonnegative(), reason: z.string() });
export type RejectedEvent = z.infer<typeof rejectedEvent>;

export const ingestResponse = z.object({
  accepted: z.number().int().nonnegative(),
  rejected: z.array(rejectedEvent),
  batchId: safeId.optional(),
  /** True when this batchId was applied before: nothing was written again. */
  duplicate: z.boolean(),
});
export type IngestResponse = z.infer<typeof ingestResponse>;

/** Every error answer of an HTTP function. */
export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

/** Turns a zod error into one readable line: "events.3.value: must be a finite number". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
