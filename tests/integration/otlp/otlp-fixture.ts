import { ExportResultCode } from '@opentelemetry/core';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, MetricReader, type PushMetricExporter, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { ownValue, type Aggregate } from '@pulseboard/contracts';
import { storedWindows } from '../../../testkit/host-windows';
import { functionUrl } from '../../../testkit/emulators';

export const OTLP_METRICS_URL = `${functionUrl('otlp')}/v1/metrics`;

export const EXPORTERS = {
  json: (key: string) => new JsonExporter({ url: OTLP_METRICS_URL, headers: { authorization: `Bearer ${key}` } }),
  protobuf: (key: string) => new ProtobufExporter({ url: OTLP_METRICS_URL, headers: { authorization: `Bearer ${key}` } }),
} as const satisfies Record<string, (key: string) => PushMetricExporter>;

/**
 * An exporter compressing its requests with gzip, configured as a deployment would by environment
 * (OTEL_EXPORTER_OTLP_METRICS_COMPRESSION, read when the exporter is made).
 */
export function gzipExporter(format: keyof typeof EXPORTERS, key: string): PushMetricExporter {
  process.env['OTEL_EXPORTER_OTLP_METRICS_COMPRESSION'] = 'gzip';
  try {
    return EXPORTERS[format](key);
  } finally {
    delete process.env['OTEL_EXPORTER_OTLP_METRICS_COMPRESSION'];
  }
}

/** A reader that collects only when asked, so a test decides when each export happens. */
class OnDemandReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** An instrumented process as the OpenTelemetry JS SDK runs one: a meter provider for a host, exporting on demand. */
export function instrumentedProcess(host: string, exporter: PushMetricExporter, views: ViewOptions[] = []) {
  const reader = new OnDemandReader();
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'host.name': host, 'service.name': 'checkout' }), readers: [reader], views });
  return {
    meter: provider.getMeter('pulseboard-integration'),
    /** Collects and exports once; resolves when the exporter reports success, rejects with its error. */
    async export(): Promise<void> {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new Error(`collection failed: ${errors.join('; ')}`);
      await new Promise<void>((resolve, reject) =>
        exporter.export(resourceMetrics, (result) => (result.code === ExportResultCode.SUCCESS ? resolve() : reject(result.error ?? new Error('export failed')))),
      );
    },
  };
}

/** A host's metric in its 1 h windows, merged: the whole of a test's samples whatever minute they fell in. */
export async function hourlyAggregate(tenantId: string, host: string, metric: string): Promise<Pick<Aggregate, 'count' | 'sum' | 'min' | 'max' | 'last'> | undefined> {
  const windows = (await storedWindows(tenantId, '1h', host)).get(host) ?? [];
  const aggregates = windows.map((window) => ownValue(window.metrics, metric)).filter((aggregate) => aggregate !== undefined);
  if (aggregates.length === 0) return undefined;
  const newest = aggregates.reduce((a, b) => (b.lastTs > a.lastTs ? b : a));
  return {
    count: aggregates.reduce((total, a) => total + a.count, 0),
    sum: aggregates.reduce((total, a) => total + a.sum, 0),
    min: Math.min(...aggregates.map((a) => a.min)),
    max: Math.max(...aggregates.map((a) => a.max)),
    last: newest.last,
  };
}
