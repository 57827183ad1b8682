import { describe, expect, it } from 'vitest';
import { membershipClaims } from '@pulseboard/contracts';
import { demoMemberships, DEMO_TENANTS, KEY_MINTER, MULTI_TENANT_USER, SIMULATED_TENANT } from './demo';

describe('demo memberships', () => {
  const memberships = demoMemberships(DEMO_TENANTS);

  it('gives the multi-tenant user a role in every demo tenant', () => {
    expect(memberships.get(MULTI_TENANT_USER)).toEqual({ acme: 'operator', globex: 'viewer' });
  });

  it('has one user per role in the simulated tenant', () => {
    const roles = [...memberships.values()].map((tenants) => tenants[SIMULATED_TENANT]);
    expect(roles).toEqual(expect.arrayContaining(['viewer', 'operator', 'admin']));
  });

  it('lets the key minter administer the simulated tenant', () => {
    expect(memberships.get(KEY_MINTER)?.[SIMULATED_TENANT]).toBe('admin');
  });

  it('produces claims the contracts accept for every user', () => {
    for (const tenants of memberships.values()) expect(membershipClaims.safeParse({ tenants }).success).toBe(true);
  });
});
