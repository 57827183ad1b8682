import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SNIPPET_PLACEHOLDERS, agentSnippets } from './agent-snippets';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const placeholders = agentSnippets(SNIPPET_PLACEHOLDERS.functionsBaseUrl, SNIPPET_PLACEHOLDERS.key);

describe('agentSnippets', () => {
  it.each(Object.entries(placeholders))('README "Send data" shows the %s snippet as the code gives it', (_, snippet) => {
    expect(README).toContain(`\`\`\`${snippet.language}\n${snippet.text}\n\`\`\``);
  });

  it('puts the URL and key where an agent reads them', () => {
    const snippets = agentSnippets('http://127.0.0.1:5001/demo-pulseboard/us-central1', 'pbk_acme_00');
    expect(snippets.otelCollector.text).toContain('endpoint: http://127.0.0.1:5001/demo-pulseboard/us-central1/otlp\n    headers:\n      authorization: Bearer pbk_acme_00');
    expect(snippets.otelSdkEnv.text).toContain('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT=http://127.0.0.1:5001/demo-pulseboard/us-central1/otlp/v1/metrics\n');
    expect(snippets.otelSdkEnv.text).toContain('OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer pbk_acme_00"');
    expect(snippets.collectd.text).toContain('URL "http://127.0.0.1:5001/demo-pulseboard/us-central1/collectd"\n    Header "Authorization: Bearer pbk_acme_00"');
    expect(snippets.curlIngest.text).toMatch(/^curl -sS 'http:\/\/127\.0\.0\.1:5001\/demo-pulseboard\/us-central1\/ingest' -H 'authorization: Bearer pbk_acme_00'/);
    expect(snippets.curlOtlp.text).toContain("/us-central1/otlp/v1/metrics' -H 'authorization: Bearer pbk_acme_00'");
  });
});
