import protobuf from 'protobufjs';
import type { OtlpExportResponse } from '@pulseboard/contracts';

/**
 * The messages of opentelemetry-proto (collector/metrics/v1/metrics_service.proto,
 * metrics/v1/metrics.proto, common/v1/common.proto, resource/v1/resource.proto) with the field
 * numbers of the specification, limited to the fields Pulseboard reads: protobufjs skips the
 * others (exemplars, buckets, flags, summaries) as unknown fields. protobufjs does the decoding.
 */
const OTLP_METRICS_PROTO = `
syntax = "proto3";
package otlp;
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ExportMetricsServiceResponse { ExportMetricsPartialSuccess partial_success = 1; }
message ExportMetricsPartialSuccess { int64 rejected_data_points = 1; string error_message = 2; }
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
message ScopeMetrics { repeated Metric metrics = 2; }
message Metric {
  string name = 1;
  oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; ExponentialHistogram exponential_histogram = 10; }
}
enum AggregationTemporality { AGGREGATION_TEMPORALITY_UNSPECIFIED = 0; AGGREGATION_TEMPORALITY_DELTA = 1; AGGREGATION_TEMPORALITY_CUMULATIVE = 2; }
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; AggregationTemporality aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; AggregationTemporality aggregation_temporality = 2; }
message ExponentialHistogram { repeated ExponentialHistogramDataPoint data_points = 1; AggregationTemporality aggregation_temporality = 2; }
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  optional double min = 11;
  optional double max = 12;
}
message ExponentialHistogramDataPoint {
  repeated KeyValue attributes = 1;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  optional double min = 12;
  optional double max = 13;
}
`;

const root = protobuf.parse(OTLP_METRICS_PROTO).root;
const exportRequest = root.lookupType('otlp.ExportMetricsServiceRequest');
const exportResponse = root.lookupType('otlp.ExportMetricsServiceResponse');

/** A protobuf ExportMetricsServiceRequest as OTLP/JSON's plain object (camelCase, int64 as strings); throws on malformed bytes. */
export function decodeMetricsRequest(bytes: Uint8Array): unknown {
  return exportRequest.toObject(exportRequest.decode(bytes), { longs: String, enums: Number, defaults: false, oneofs: false });
}

export function encodeMetricsResponse(answer: OtlpExportResponse): Uint8Array {
  return exportResponse.encode(exportResponse.fromObject(answer)).finish();
}
