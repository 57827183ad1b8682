import { join } from 'node:path';
import type { Role } from '@pulseboard/contracts';

/** The demo data `npm start` seeds; README.md lists the same logins. */
export const DEMO_PASSWORD = 'pulseboard';

export interface DemoTenant {
  id: string;
  name: string;
  members: Record<string, Role>;
}

export const MULTI_TENANT_USER = 'multi@pulseboard.test';

export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    id: 'acme',
    name: 'Acme Corp',
    members: {
      'viewer@acme.test': 'viewer',
      'operator@acme.test': 'operator',
      'admin@acme.test': 'admin',
      [MULTI_TENANT_USER]: 'operator',
    },
  },
  {
    id: 'globex',
    name: 'Globex',
    members: {
      'admin@globex.test': 'admin',
      [MULTI_TENANT_USER]: 'viewer',
    },
  },
];

/** The admin who mints the demo ingest key, and the tenant the simulator feeds. */
export const KEY_MINTER = 'admin@acme.test';
export const SIMULATED_TENANT = 'acme';

/** Where seed leaves the demo ingest key for the simulator (gitignored). */
export function demoKeyFile(repoRoot: string): string {
  return join(repoRoot, '.cache', 'demo-ingest-key');
}
