import { describe, expect, it } from 'vitest';
import { ingestCurlExample } from './ingest-example';
import { ingestBatch } from './telemetry';

describe('ingestCurlExample', () => {
  it('posts one valid batch to the URL with the key as a bearer token', () => {
    const command = ingestCurlExample('http://x/ingest', 'pbk_acme_00');
    expect(command.startsWith("curl -X POST 'http://x/ingest' -H 'Authorization: Bearer pbk_acme_00'")).toBe(true);
    const body: unknown = JSON.parse(/-d '(.*)'$/.exec(command)?.[1] ?? 'null');
    expect(ingestBatch.safeParse(body).success).toBe(true);
  });
});
