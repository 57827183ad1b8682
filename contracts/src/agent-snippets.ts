import { FUNCTIONS_REGION } from './deployment';

/**
 * The copy-paste configuration for each kind of agent, in one place: README "Send data" shows
 * them with placeholders (a unit test keeps it in step) and the admin console can show them with
 * a deployment's real URL and a freshly minted key.
 */
export type AgentSnippetName = 'otelCollector' | 'otelSdkEnv' | 'collectd' | 'curlIngest' | 'curlOtlp';

export interface AgentSnippet {
  title: string;
  /** The fence language of the text in Markdown (highlighting only). */
  language: 'yaml' | 'sh' | 'apache';
  text: string;
}

/** A deployed project's functions base URL (`<base>/ingest`, `<base>/otlp`, `<base>/collectd`). */
export function deployedFunctionsBaseUrl(projectId: string): string {
  return `https://${FUNCTIONS_REGION}-${projectId}.cloudfunctions.net`;
}

/** What README "Send data" shows: the same snippets with placeholders for the project and key. */
export const SNIPPET_PLACEHOLDERS = { functionsBaseUrl: deployedFunctionsBaseUrl('<project>'), key: 'pbk_<tenant>_<secret>' } as const;

const SAMPLE_BATCH = JSON.stringify({ events: [{ type: 'metric', host: 'web-01', metric: 'cpu', value: 42.5 }] });
const SAMPLE_EXPORT = JSON.stringify({
  resourceMetrics: [
    {
      resource: { attributes: [{ key: 'host.name', value: { stringValue: 'web-01' } }] },
      scopeMetrics: [{ metrics: [{ name: 'cpu', gauge: { dataPoints: [{ asDouble: 42.5 }] } }] }],
    },
  ],
});

/** Every agent's snippet for the functions at `functionsBaseUrl` (no trailing slash) and an ingest key. */
export function agentSnippets(functionsBaseUrl: string, key: string): Record<AgentSnippetName, AgentSnippet> {
  return {
    otelCollector: {
      title: 'OpenTelemetry Collector (otlphttp exporter)',
      language: 'yaml',
      text: `receivers:
  otlp:
    protocols:
      grpc:
      http:
exporters:
  otlphttp/pulseboard:
    endpoint: ${functionsBaseUrl}/otlp
    headers:
      authorization: Bearer ${key}
service:
  pipelines:
    metrics:
      receivers: [otlp]
      exporters: [otlphttp/pulseboard]`,
    },
    otelSdkEnv: {
      title: 'OpenTelemetry SDKs (environment)',
      language: 'sh',
      text: `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT=${functionsBaseUrl}/otlp/v1/metrics
OTEL_EXPORTER_OTLP_METRICS_PROTOCOL=http/protobuf   # or http/json
OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer ${key}"
OTEL_RESOURCE_ATTRIBUTES="host.name=$(hostname)"`,
    },
    collectd: {
      title: 'collectd (write_http)',
      language: 'apache',
      text: `LoadPlugin cpu
LoadPlugin load
LoadPlugin memory
<LoadPlugin write_http>
  FlushInterval 10
</LoadPlugin>
<Plugin write_http>
  <Node "pulseboard">
    URL "${functionsBaseUrl}/collectd"
    Header "Authorization: Bearer ${key}"
    Format "JSON"
    StoreRates false
  </Node>
</Plugin>`,
    },
    curlIngest: {
      title: 'curl (Pulseboard JSON)',
      language: 'sh',
      text: `curl -sS '${functionsBaseUrl}/ingest' -H 'authorization: Bearer ${key}' -H 'content-type: application/json' \\
  -d '${SAMPLE_BATCH}'`,
    },
    curlOtlp: {
      title: 'curl (OTLP/JSON)',
      language: 'sh',
      text: `curl -sS '${functionsBaseUrl}/otlp/v1/metrics' -H 'authorization: Bearer ${key}' -H 'content-type: application/json' \\
  -d '${SAMPLE_EXPORT}'`,
    },
  };
}
