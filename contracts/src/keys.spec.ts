import { describe, expect, it } from 'vitest';
import { INGEST_KEY_PATTERN, claimedTenant, hashIngestKey, newIngestKeySecret, visibleKeyPrefix } from './keys';

describe('ingest key secrets', () => {
  it('name their tenant and carry 160 random bits, different every time', () => {
    const first = newIngestKeySecret('acme-prod');
    const second = newIngestKeySecret('acme-prod');
    expect(first).toMatch(/^pbk_acme-prod_[0-9a-f]{40}$/);
    expect(INGEST_KEY_PATTERN.test(first)).toBe(true);
    expect(second).not.toBe(first);
  });

  it('give back the tenant they claim, and nothing for a malformed secret', () => {
    expect(claimedTenant(newIngestKeySecret('t-1'))).toBe('t-1');
    expect(claimedTenant(`pbk_${'0'.repeat(40)}`)).toBeUndefined();
    expect(claimedTenant(`pbk_Acme_${'0'.repeat(40)}`)).toBeUndefined();
    expect(claimedTenant(`pbk_acme_${'0'.repeat(39)}`)).toBeUndefined();
    expect(claimedTenant(`pbk_a_b_${'0'.repeat(40)}`)).toBeUndefined();
  });

  it('show the tenant and four characters of the random part, no more', () => {
    const secret = `pbk_acme_1a2b${'0'.repeat(36)}`;
    expect(visibleKeyPrefix(secret)).toBe('pbk_acme_1a2b');
  });

  it('hash to the hex SHA-256 of the whole secret', async () => {
    // SHA-256("abc"), the FIPS 180-2 test vector.
    expect(await hashIngestKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
