import { randomUUID } from 'node:crypto';
import { DEFAULT_THRESHOLDS, paths, type Role, type TenantDoc } from '@pulseboard/contracts';
import { adminAuth, adminDb } from './admin';

export const TEST_PASSWORD = 'pulseboard-test';

/** A fresh tenant id per call, so spec files never see each other's data. */
export function uniqueTenantId(prefix = 't'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createTenant(tenantId: string, overrides: Partial<TenantDoc> = {}): Promise<void> {
  const tenant: TenantDoc = {
    name: `Tenant ${tenantId}`,
    thresholds: DEFAULT_THRESHOLDS,
    sustainSeconds: 0,
    staleAfterSeconds: 30,
    ...overrides,
  };
  await adminDb.doc(paths.tenant(tenantId)).set(tenant);
}

export interface TestUser {
  uid: string;
  email: string;
  password: string;
}

/** A user with the given role in each tenant, as setMemberRole would leave it. */
export async function createUser(memberships: Record<string, Role>): Promise<TestUser> {
  const email = `u-${randomUUID().slice(0, 12)}@test.pulseboard.dev`;
  const { uid } = await adminAuth.createUser({ email, password: TEST_PASSWORD });
  await adminAuth.setCustomUserClaims(uid, { tenants: memberships });
  await Promise.all(
    Object.entries(memberships).map(([tenantId, role]) =>
      adminDb.doc(paths.member(tenantId, uid)).set({ email, role, updatedAt: Date.now() }),
    ),
  );
  return { uid, email, password: TEST_PASSWORD };
}
