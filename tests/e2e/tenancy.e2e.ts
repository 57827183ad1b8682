import { afterEach, describe, expect, it } from 'vitest';
import { httpsCallable } from 'firebase/functions';
import type { Role, SetMemberRoleRequest } from '@pulseboard/contracts';
import { writeIngestKey } from '../../testkit/ingest-key';
import { createTenant, createUser, uniqueTenantId, type TestUser } from '../../testkit/tenant-fixture';
import { signedInClient } from '../../testkit/web-client';
import { APP_URL, openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { ingest } from '../../testkit/ingest';

let browser: TestBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const OWN_HOST = 'own-host-01';
const OTHER_HOST = 'other-secret-01';

/** Two tenants, each with one reporting host whose name and CPU belong to it alone. */
async function twoTenantsWithData() {
  const own = uniqueTenantId('e2e-own');
  const other = uniqueTenantId('e2e-other');
  await Promise.all([createTenant(own), createTenant(other)]);
  const [ownKey, otherKey] = await Promise.all([writeIngestKey(own, 'e2e'), writeIngestKey(other, 'e2e')]);
  await ingest(ownKey, [{ type: 'metric', host: OWN_HOST, metric: 'cpu', value: 11, ts: Date.now() }]);
  await ingest(otherKey, [{ type: 'metric', host: OTHER_HOST, metric: 'cpu', value: 88, ts: Date.now() }]);
  return { own, other };
}

/** Controls that change something on a host page: threshold editors and the silence button. */
const EDIT_CONTROLS = '[data-testid="threshold-edit"], [data-testid="silence-host"]';

/** An admin of the tenant changes a member's role through the setMemberRole callable, from another client. */
async function changeRole(tenantId: string, member: TestUser, role: Role): Promise<void> {
  const admin = await createUser({ [tenantId]: 'admin' });
  const client = await signedInClient(admin.email, admin.password);
  try {
    await httpsCallable<SetMemberRoleRequest>(client.functions, 'setMemberRole')({ tenantId, email: member.email, role });
  } finally {
    await client.close();
  }
}

describe('tenancy in the browser', () => {
  it('never shows another tenant’s hosts or values to a member', async () => {
    const { own } = await twoTenantsWithData();
    const viewer = await createUser({ [own]: 'viewer' });
    browser = await openBrowser();
    await signIn(browser.page, viewer.email, viewer.password);
    const cpu = browser.page.getByTestId('metric-card-cpu').getByTestId('metric-value');
    await expect.poll(async () => await cpu.textContent(), { timeout: 10_000 }).toBe('11.0');
    await browser.page.getByRole('link', { name: 'Hosts' }).click();
    await browser.page.getByText(OWN_HOST).first().waitFor();
    expect(await browser.page.content()).not.toContain(OTHER_HOST);
  });

  it('shows the switched-to tenant’s data only, for a member of both', async () => {
    const { own, other } = await twoTenantsWithData();
    const member = await createUser({ [own]: 'viewer', [other]: 'viewer' });
    browser = await openBrowser();
    await signIn(browser.page, member.email, member.password);
    const cpu = browser.page.getByTestId('metric-card-cpu').getByTestId('metric-value');
    await browser.page.getByTestId('tenant-switcher').selectOption(own);
    await expect.poll(async () => await cpu.textContent(), { timeout: 10_000 }).toBe('11.0');

    await browser.page.getByTestId('tenant-switcher').selectOption(other);
    await expect.poll(async () => await cpu.textContent(), { timeout: 10_000 }).toBe('88.0');
    await browser.page.getByRole('link', { name: 'Hosts' }).click();
    await browser.page.getByText(OTHER_HOST).first().waitFor();
    expect(await browser.page.content()).not.toContain(OWN_HOST);
  });

  it('shows an operator edit controls on a host page and a viewer none', async () => {
    const { own } = await twoTenantsWithData();
    const operator = await createUser({ [own]: 'operator' });
    const viewer = await createUser({ [own]: 'viewer' });

    const editControls = async (email: string, password: string): Promise<number> => {
      const session = await openBrowser();
      try {
        await signIn(session.page, email, password);
        await session.page.getByTestId('metric-card-cpu').waitFor();
        await session.page.goto(`${APP_URL}/hosts/${OWN_HOST}`);
        await session.page.getByTestId('threshold-value').first().waitFor();
        return await session.page.locator(EDIT_CONTROLS).count();
      } finally {
        await session.close();
      }
    };

    expect(await editControls(operator.email, operator.password)).toBeGreaterThan(0);
    expect(await editControls(viewer.email, viewer.password)).toBe(0);
  });

  it.each<[string, Role, Role, boolean]>([
    ['a viewer promoted to operator gets', 'viewer', 'operator', true],
    ['an operator demoted to viewer loses', 'operator', 'viewer', false],
  ])('%s edit controls on the open host page, without signing out', async (_name, before, after, controlsAfter) => {
    const { own } = await twoTenantsWithData();
    const member = await createUser({ [own]: before });
    browser = await openBrowser();
    await signIn(browser.page, member.email, member.password);
    await browser.page.getByTestId('metric-card-cpu').waitFor();
    await browser.page.goto(`${APP_URL}/hosts/${OWN_HOST}`);
    await browser.page.getByTestId('threshold-value').first().waitFor();
    const controls = browser.page.locator(EDIT_CONTROLS);
    expect((await controls.count()) > 0).toBe(!controlsAfter);

    // The page follows its member document and refreshes its token until the claim agrees.
    await changeRole(own, member, after);
    await expect.poll(async () => (await controls.count()) > 0, { timeout: 20_000 }).toBe(controlsAfter);
  });
});

