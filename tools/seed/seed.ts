import { adminAuth, adminDb } from '../../testkit/admin';
import { grantRole, type AdminServices } from '../../functions/src/members/grant-role';
import { bootstrapTenant } from '../admin/bootstrap';
import { DEMO_PASSWORD, DEMO_TENANTS, demoMemberships } from './demo';

const services: AdminServices = { db: adminDb, auth: adminAuth };

/** The user with this email, created or reset to the demo password. */
async function upsertUser(email: string): Promise<void> {
  try {
    const existing = await adminAuth.getUserByEmail(email);
    await adminAuth.updateUser(existing.uid, { password: DEMO_PASSWORD });
  } catch (error) {
    if ((error as { code?: string }).code !== 'auth/user-not-found') throw error;
    await adminAuth.createUser({ email, password: DEMO_PASSWORD, emailVerified: true });
  }
}

/**
 * Demo users with the demo password, then each tenant as a deployment starts one: the bootstrap
 * command's tenant and first admin, then the other members as setMemberRole adds them (grantRole).
 * Safe to run again on a running stack.
 */
export async function seedTenantsAndUsers(): Promise<void> {
  for (const email of demoMemberships(DEMO_TENANTS).keys()) await upsertUser(email);
  for (const tenant of DEMO_TENANTS) {
    await bootstrapTenant(services, { tenantId: tenant.id, name: tenant.name, adminEmail: tenant.admin });
    for (const [email, role] of Object.entries(tenant.members)) {
      await grantRole(services, { tenantId: tenant.id, email, role, grantedBy: null });
    }
  }
}
