import { describe, expect, it } from 'vitest';
import { decideTenantCreation, type TenantCreationContext } from './decide-tenant-creation';

const context = (overrides: Partial<TenantCreationContext> = {}): TenantCreationContext => ({
  tenantId: 'acme',
  callerUid: 'uid-1',
  selfService: true,
  limit: 3,
  existing: null,
  createdByCaller: 0,
  ...overrides,
});

describe('decideTenantCreation', () => {
  it('creates a free id for a user under the limit', () => {
    expect(decideTenantCreation(context({ createdByCaller: 2 }))).toEqual({ kind: 'create' });
  });

  it('refuses everyone when self-service is off', () => {
    expect(() => decideTenantCreation(context({ selfService: false }))).toThrow(expect.objectContaining({ code: 'permission-denied' }));
  });

  it.each([
    ['another user', 'uid-2'],
    ['the bootstrap tool', null],
  ])('refuses an id %s took', (_name, createdBy) => {
    expect(() => decideTenantCreation(context({ existing: { createdBy, hasMembers: false } }))).toThrow(
      expect.objectContaining({ code: 'already-exists', message: 'The workspace id acme is taken: choose another.' }),
    );
  });

  it("resumes the caller's own workspace while it has no member, so a failed grant can be retried", () => {
    expect(decideTenantCreation(context({ existing: { createdBy: 'uid-1', hasMembers: false }, createdByCaller: 3 }))).toEqual({ kind: 'resume' });
  });

  it('refuses its creator once the workspace has members: a removed creator cannot make themselves admin again', () => {
    expect(() => decideTenantCreation(context({ existing: { createdBy: 'uid-1', hasMembers: true } }))).toThrow(
      expect.objectContaining({ code: 'already-exists' }),
    );
  });

  it('refuses a user at the limit', () => {
    expect(() => decideTenantCreation(context({ createdByCaller: 3 }))).toThrow(expect.objectContaining({ code: 'failed-precondition' }));
  });
});
