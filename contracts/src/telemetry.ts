import * as z from 'zod';
import { safeId } from './ids';
import { ERROR_RATE_METRIC } from './metric-registry';

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
  /**
   * Distinct host names in one batch: each host costs the batch's transaction about five reads and
   * four writes (host, 10 s / 1 m / 1 h windows), so this bounds one transaction near 500 of each.
   */
  maxHostsPerBatch: 100,
  /** Distinct metric names in one batch, across its hosts: what one window or fleet shard can gain from it. */
  maxMetricsPerBatch: 100,
  /**
   * The largest |value| of a sample. Below 2^53, so integer counters stay exact; and a window's sum
   * of n samples stays under n x 1e15, which reaches Number.MAX_VALUE (1.8e308) only past 1e293
   * samples: no sum of accepted samples can overflow to Infinity.
   */
  maxSampleMagnitude: 1e15,
} as const;

const eventTs = z.number().int().positive().optional();

/**
 * A metric's name. ERROR_RATE_METRIC is not one an agent may send: it is the error rate ingest
 * derives from error events, and a sample under the same name would be charted, judged and shown
 * as that rate.
 */
const sentMetricName = safeId.refine(
  (name) => name !== ERROR_RATE_METRIC,
  `"${ERROR_RATE_METRIC}" is reserved for the error rate derived from error events: send errors as events of type "error", or name the metric otherwise (e.g. "${ERROR_RATE_METRIC}_total")`,
);

export const metricEvent = z.strictObject({
  type: z.literal('metric'),
  host: safeId,
  metric: sentMetricName,
  value: z
    .number()
    .refine(Number.isFinite, 'must be a finite number')
    .refine((value) => Math.abs(value) <= INGEST_LIMITS.maxSampleMagnitude, `must be at most ${INGEST_LIMITS.maxSampleMagnitude.toExponential()} in magnitude`),
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
/**
 * What a function needs of a contract's schema to read a stored document: a safeParse whose
 * refusal `describeIssues` can put into words.
 */
export interface DocumentContract<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: z.ZodError };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
