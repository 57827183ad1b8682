import { describe, expect, it } from 'vitest';
import { ingestUrl } from './ingest-url';

describe('ingestUrl', () => {
  it("is the Functions emulator's ingest locally, as the README's ingest contract says", () => {
    expect(ingestUrl('demo-pulseboard', true)).toBe('http://127.0.0.1:5001/demo-pulseboard/us-central1/ingest');
  });

  it("is the deployed function's URL otherwise", () => {
    expect(ingestUrl('acme-prod', false)).toBe('https://us-central1-acme-prod.cloudfunctions.net/ingest');
  });
});
