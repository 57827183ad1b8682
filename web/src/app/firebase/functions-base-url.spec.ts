import { describe, expect, it } from 'vitest';
import { functionsBaseUrl } from './functions-base-url';

describe('functionsBaseUrl', () => {
  it("is the Functions emulator's locally, as the README's ingest contract says", () => {
    expect(functionsBaseUrl('demo-pulseboard', true)).toBe('http://127.0.0.1:5001/demo-pulseboard/us-central1');
  });

  it("is the deployed functions' URL otherwise", () => {
    expect(functionsBaseUrl('acme-prod', false)).toBe('https://us-central1-acme-prod.cloudfunctions.net');
  });
});
