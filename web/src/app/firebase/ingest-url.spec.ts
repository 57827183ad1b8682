import { describe, expect, it } from 'vitest';
import { curlExample, ingestUrl } from './ingest-url';

describe('ingestUrl', () => {
  it("is the Functions emulator's ingest locally, as the README's ingest contract says", () => {
    expect(ingestUrl('demo-pulseboard', true)).toBe('http://127.0.0.1:5001/demo-pulseboard/us-central1/ingest');
  });

  it("is the deployed function's URL otherwise", () => {
    expect(ingestUrl('acme-prod', false)).toBe('https://us-central1-acme-prod.cloudfunctions.net/ingest');
  });
});

describe('curlExample', () => {
  it('posts one valid metric with the key as a bearer token', () => {
    const command = curlExample('http://x/ingest', 'pbk_acme_00');
    expect(command).toContain("-H 'Authorization: Bearer pbk_acme_00'");
    const body = JSON.parse(/-d '(.*)'$/.exec(command)?.[1] ?? 'null');
    expect(body).toEqual({ events: [{ type: 'metric', host: 'web-01', metric: 'cpu', value: 42.5 }] });
  });
});
