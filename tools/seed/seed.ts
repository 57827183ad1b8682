import { DEFAULT_THRESHOLDS, paths, type MemberDoc, type Role, type TenantDoc } from '@pulseboard/contracts';
import { adminAuth, adminDb } from '../../tests/support/admin';
import { DEMO_PASSWORD, DEMO_TENANTS, type DemoTenant } from './demo';

/** Demo tenants alert after 30 s over a threshold and mark a host stale after 60 s of silence. */
const DEMO_SETTINGS = { sustainSeconds: 30, staleAfterSeconds: 60 } as const;

/** Every demo user's role per tenant, gathered across tenants (one user may be in several). */
export function demoMemberships(tenants: readonly DemoTenant[]): Map<string, Record<string, Role>> {
  const byEmail = new Map<string, Record<string, Role>>();
  for (const tenant of tenants) {
    for (const [email, role] of Object.entries(tenant.members)) {
      byEmail.set(email, { ...byEmail.get(email), [tenant.id]: role });
    }
  }
  return byEmail;
}

/** The user with this email, created or reset to the demo password. */
async function upsertUser(email: string): Promise<string> {
  try {
    const existing = await adminAuth.getUserByEmail(email);
    await adminAuth.updateUser(existing.uid, { password: DEMO_PASSWORD });
    return existing.uid;
  } catch (error) {
    if ((error as { code?: string }).code !== 'auth/user-not-found') throw error;
    return (await adminAuth.createUser({ email, password: DEMO_PASSWORD, emailVerified: true })).uid;
  }
}

/** Tenants, users, custom claims and member mirrors; safe to run again on a running stack. */
export async function seedTenantsAndUsers(): Promise<void> {
  await Promise.all(
    DEMO_TENANTS.map((tenant) => {
      const doc: TenantDoc = { name: tenant.name, thresholds: DEFAULT_THRESHOLDS, ...DEMO_SETTINGS };
      return adminDb.doc(paths.tenant(tenant.id)).set(doc);
    }),
  );
  for (const [email, tenants] of demoMemberships(DEMO_TENANTS)) {
    const uid = await upsertUser(email);
    await adminAuth.setCustomUserClaims(uid, { tenants });
    await Promise.all(
      Object.entries(tenants).map(([tenantId, role]) => {
        const member: MemberDoc = { email, role, updatedAt: Date.now() };
        return adminDb.doc(paths.member(tenantId, uid)).set(member);
      }),
    );
  }
}
