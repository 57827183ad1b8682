import { describe, expect, it } from 'vitest';
import { doc, getDoc } from 'firebase/firestore';
import { paths } from '@pulseboard/contracts';
import { createTenant, createUser, uniqueTenantId } from '../../testkit/tenant-fixture';
import { signedInClient } from '../../testkit/web-client';

describe('emulator stack', () => {
  it('signs a member in through the Auth emulator and carries the tenant claim into Firestore', async () => {
    const tenantId = uniqueTenantId();
    await createTenant(tenantId);
    const user = await createUser({ [tenantId]: 'viewer' });
    const client = await signedInClient(user.email, user.password);
    try {
      const token = await client.auth.currentUser?.getIdTokenResult();
      expect(token?.claims['tenants']).toEqual({ [tenantId]: 'viewer' });
      // The rules admit a member's read of its tenant only through that claim.
      const tenant = await getDoc(doc(client.db, paths.tenant(tenantId)));
      expect(tenant.exists()).toBe(true);
    } finally {
      await client.close();
    }
  });
});
