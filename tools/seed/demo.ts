import { join } from 'node:path';
import type { Role } from '@pulseboard/contracts';

/** The demo data `npm start` seeds; README.md lists the same logins. */
export const DEMO_PASSWORD = 'pulseboard';

export interface DemoTenant {
  id: string;
  name: string;
  /** Its first admin, made by the bootstrap command. */
  admin: string;
  /** Everyone else, added as setMemberRole would add them. */
  members: Record<string, Role>;
}

export const MULTI_TENANT_USER = 'multi@pulseboard.test';

export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    id: 'acme',
    name: 'Acme Corp',
    admin: 'admin@acme.test',
    members: {
      'viewer@acme.test': 'viewer',
      'operator@acme.test': 'operator',
      [MULTI_TENANT_USER]: 'operator',
    },
  },
  {
    id: 'globex',
    name: 'Globex',
    admin: 'admin@globex.test',
    members: {
      [MULTI_TENANT_USER]: 'viewer',
    },
  },
];

/** Every demo user's role per tenant, gathered across tenants (one user may be in several). */
export function demoMemberships(tenants: readonly DemoTenant[]): Map<string, Record<string, Role>> {
  const byEmail = new Map<string, Record<string, Role>>();
  for (const tenant of tenants) {
    const members: [string, Role][] = [[tenant.admin, 'admin'], ...Object.entries(tenant.members)];
    for (const [email, role] of members) byEmail.set(email, { ...byEmail.get(email), [tenant.id]: role });
  }
  return byEmail;
}

/** The admin who mints the demo ingest key, and the tenant the simulator feeds. */
export const KEY_MINTER = 'admin@acme.test';
export const SIMULATED_TENANT = 'acme';

/** Where seed leaves the demo ingest key for the simulator (gitignored). */
export function demoKeyFile(repoRoot: string): string {
  return join(repoRoot, '.cache', 'demo-ingest-key');
}
