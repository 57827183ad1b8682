import * as z from 'zod';
import { INGEST_LIMITS } from './telemetry';

/**
 * Limits of the OTLP/HTTP metrics endpoint (README: "Send data"), on top of the ingest limits
 * every batch meets: the decoded body is at most INGEST_LIMITS.maxDecodedBytes, which bounds
 * every array below as well; these bound what one request may name.
 */
export const OTLP_LIMITS = {
  /** Resources in one request: each names one host. */
  maxResources: INGEST_LIMITS.maxHostsPerBatch,
  /** Attributes of a resource or a data point. */
  maxAttributes: 128,
  /** Point attributes folded into a metric name; a point with more is rejected. */
  maxFoldedAttributes: 4,
  /** Cumulative series remembered per host for delta conversion; past it the least recently seen go. */
  maxSeriesPerHost: 1_000,
} as const;

/** OTLP's AggregationTemporality, as a number (protobuf, OTLP/JSON) or its enum name. */
export const AGGREGATION_TEMPORALITY = { delta: 1, cumulative: 2 } as const;
const temporality = z
  .union([z.number().int(), z.enum(['AGGREGATION_TEMPORALITY_UNSPECIFIED', 'AGGREGATION_TEMPORALITY_DELTA', 'AGGREGATION_TEMPORALITY_CUMULATIVE'])])
  .transform((value) =>
    value === 'AGGREGATION_TEMPORALITY_DELTA' ? AGGREGATION_TEMPORALITY.delta : value === 'AGGREGATION_TEMPORALITY_CUMULATIVE' ? AGGREGATION_TEMPORALITY.cumulative : value,
  );

/** An int64 as OTLP/JSON sends it (a decimal string, or a number) or protobuf decodes it (a string here). */
const int64 = z.union([z.string().regex(/^-?\d{1,20}$/, 'must be a decimal integer'), z.number().int()]);
/** Nanoseconds since the epoch, as milliseconds; 0 or absent is "unknown". */
const unixNano = int64.transform((value) =>
  // Dropping the last six digits of a non-negative decimal is the division, without a BigInt per point.
  typeof value === 'string' && /^\d{7,}$/.test(value) ? Number(value.slice(0, -6)) : Number(BigInt(value) / 1_000_000n),
);
/**
 * A double as OTLP/JSON sends it (a number, or "NaN", "Infinity", "-Infinity") or protobuf decodes
 * it (any number): read as it is, so a non-finite value refuses its point, not the whole request.
 */
const double = z.union([z.custom<number>((value) => typeof value === 'number'), z.enum(['NaN', 'Infinity', '-Infinity'])]).transform(Number);

const anyValue = z.looseObject({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: int64.optional(),
  doubleValue: double.optional(),
});
const attributes = z.array(z.looseObject({ key: z.string(), value: anyValue.optional() })).max(OTLP_LIMITS.maxAttributes).optional();
export type OtlpAttributes = z.infer<typeof attributes>;

const pointTimes = { attributes, startTimeUnixNano: unixNano.optional(), timeUnixNano: unixNano.optional() };
const numberPoint = z.looseObject({ ...pointTimes, asDouble: double.optional(), asInt: int64.transform(Number).optional() });
export type OtlpNumberPoint = z.infer<typeof numberPoint>;
const histogramPoint = z.looseObject({
  ...pointTimes,
  count: int64.transform(Number).optional(),
  sum: double.optional(),
  min: double.optional(),
  max: double.optional(),
});
export type OtlpHistogramPoint = z.infer<typeof histogramPoint>;

const metric = z.looseObject({
  name: z.string(),
  gauge: z.looseObject({ dataPoints: z.array(numberPoint).optional() }).optional(),
  sum: z.looseObject({ dataPoints: z.array(numberPoint).optional(), aggregationTemporality: temporality.optional(), isMonotonic: z.boolean().optional() }).optional(),
  histogram: z.looseObject({ dataPoints: z.array(histogramPoint).optional(), aggregationTemporality: temporality.optional() }).optional(),
  exponentialHistogram: z.looseObject({ dataPoints: z.array(histogramPoint).optional(), aggregationTemporality: temporality.optional() }).optional(),
});
export type OtlpMetric = z.infer<typeof metric>;

/** The parts of an ExportMetricsServiceRequest that Pulseboard reads; other fields are ignored. */
export const otlpMetricsRequest = z.looseObject({
  resourceMetrics: z
    .array(
      z.looseObject({
        resource: z.looseObject({ attributes }).optional(),
        scopeMetrics: z.array(z.looseObject({ metrics: z.array(metric).optional() })).optional(),
      }),
    )
    .max(OTLP_LIMITS.maxResources)
    .optional(),
});
export type OtlpMetricsRequest = z.infer<typeof otlpMetricsRequest>;

/** The answer of an export (ExportMetricsServiceResponse); partialSuccess only when something was refused. */
export interface OtlpExportResponse {
  partialSuccess?: { rejectedDataPoints: number; errorMessage: string };
}

/** The last point of a cumulative series, kept to turn the next one into a delta. */
export const otlpSeriesPoint = z.strictObject({ start: z.number(), value: z.number(), ts: z.number() });
export type OtlpSeriesPoint = z.infer<typeof otlpSeriesPoint>;

/** tenants/{t}/otlpSeries/{host}: a host's cumulative series, server-only (rules deny clients). */
export const otlpSeriesDoc = z.object({ series: z.record(z.string(), otlpSeriesPoint) });
export type OtlpSeriesDoc = z.infer<typeof otlpSeriesDoc>;
