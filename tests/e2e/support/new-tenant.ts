import type { Role } from '@pulseboard/contracts';
import { writeIngestKey } from '../../../testkit/ingest-key';
import { createTenant, createUser, uniqueTenantId } from '../../../testkit/tenant-fixture';
import { openBrowser, signIn, type TestBrowser } from '../../../testkit/browser';

export interface SignedInTenant {
  tenantId: string;
  /** The signed-in member's uid. */
  uid: string;
  /** An ingest key of the tenant. */
  key: string;
  /** The member's browser, on the overview; the caller closes it. */
  browser: TestBrowser;
}

/** A new tenant, a member of it with `role` signed in (the overview opens), and an ingest key of that tenant. */
export async function signedInToNewTenant(role: Role, prefix: string): Promise<SignedInTenant> {
  const tenantId = uniqueTenantId(prefix);
  await createTenant(tenantId);
  const member = await createUser({ [tenantId]: role });
  const key = await writeIngestKey(tenantId, member.uid);
  const browser = await openBrowser();
  await signIn(browser.page, member.email, member.password);
  return { tenantId, uid: member.uid, key, browser };
}
