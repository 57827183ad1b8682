import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { httpsCallable } from 'firebase/functions';
import { writeIngestKey } from '../../testkit/ingest-key';
import { createTenant, createUser, uniqueTenantId } from '../../testkit/tenant-fixture';
import { signedInClient } from '../../testkit/web-client';
import { seriousAccessibilityViolations } from './support/axe';
import { APP_URL, openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { THEMES, useTheme } from './support/theme';
import { setPasswordFromEmailedLink } from './support/emailed-links';
import { ingest } from '../../testkit/ingest';

let browser: TestBrowser | undefined;

/** Axe once animations have ended: a form field's error fades in, and a colour half-way is no finding. */
async function settledViolations(page: Page) {
  // Polled through page.evaluate (the DevTools protocol): waitForFunction evaluates its string with
  // eval, which the app's CSP refuses.
  await expect.poll(() => page.evaluate('document.getAnimations().length'), { timeout: 5_000 }).toBe(0);
  return seriousAccessibilityViolations(page);
}

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe('a new user starts a workspace', () => {
  it('signs up, sees "Create a workspace" instead of empty views, creates one and watches a batch posted with its key arrive', async () => {
    const email = `signup-${crypto.randomUUID().slice(0, 8)}@test.pulseboard.dev`;
    const tenantId = uniqueTenantId('e2e-new');
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(APP_URL);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a new password');
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await page.getByRole('heading', { name: 'Create a workspace' }).waitFor();
    expect(await page.getByRole('link', { name: 'Overview' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByText('Give the workspace a name.').waitFor();
    await page.getByLabel('Workspace name').fill('Newco Production');
    await page.getByLabel('Workspace id').fill(tenantId);
    await page.getByRole('button', { name: 'Create workspace' }).click();

    await expect.poll(async () => await page.getByTestId('tenant-name').textContent(), { timeout: 15_000 }).toBe('Newco Production');
    expect(await page.getByTestId('role').textContent()).toBe('admin');
    // No host has reported yet: the overview says how to send data instead of showing zeros.
    expect(await page.getByTestId('onboarding-url').textContent()).toContain('/us-central1/ingest');
    expect(await page.getByTestId('fleet-health').count()).toBe(0);

    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: 'Ingest keys' }).click();
    await page.getByLabel('Key label').fill('first agents');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('minted-secret').textContent()) ?? '';
    expect(await page.getByTestId('minted-snippet').first().textContent()).toContain(`/us-central1/ingest' -H 'authorization: Bearer ${secret}'`);
    await page.getByTestId('key-row').filter({ hasText: 'first agents' }).waitFor();
    expect((await ingest(secret, [{ type: 'metric', host: 'newco-web-01', metric: 'cpu', value: 42, ts: Date.now() }])).accepted).toBe(1);
    await page.getByRole('link', { name: 'Overview' }).click();
    const cpu = page.getByTestId('metric-card-cpu').getByTestId('metric-value');
    await expect.poll(async () => await cpu.textContent(), { timeout: 15_000 }).toBe('42.0');
    expect(await page.getByTestId('onboarding').count()).toBe(0);

    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: 'Audit log' }).click();
    const actions = page.getByTestId('audit-row').locator('td:nth-child(3)');
    await expect.poll(async () => await actions.allTextContents(), { timeout: 15_000 }).toEqual(['key.create', 'member.role', 'tenant.create']);
    await page.getByLabel('Action').selectOption('key.create');
    await expect.poll(async () => await actions.allTextContents(), { timeout: 15_000 }).toEqual(['key.create']);
    expect(await page.getByTestId('audit-row').textContent()).toContain('first agents');
  });

  it('a taken workspace id is refused with the reason, on the page', async () => {
    const first = await createUser({});
    const tenantId = uniqueTenantId('e2e-taken');
    const client = await signedInClient(first.email, first.password);
    await httpsCallable(client.functions, 'createTenant')({ tenantId, name: 'First' }).finally(() => client.close());

    const second = await createUser({});
    browser = await openBrowser();
    await signIn(browser.page, second.email, second.password);
    await browser.page.getByLabel('Workspace name').fill('Second');
    await browser.page.getByLabel('Workspace id').fill(tenantId);
    await browser.page.getByRole('button', { name: 'Create workspace' }).click();
    await browser.page.getByText(`The workspace id ${tenantId} is taken: choose another.`).waitFor();
  });

  it('an operator gets no admin link and is sent to the overview from /admin', async () => {
    const admin = await createUser({});
    const tenantId = uniqueTenantId('e2e-op');
    const client = await signedInClient(admin.email, admin.password);
    await httpsCallable(client.functions, 'createTenant')({ tenantId, name: 'Op Corp' }).finally(() => client.close());
    const operator = await createUser({ [tenantId]: 'operator' });
    browser = await openBrowser();
    await signIn(browser.page, operator.email, operator.password);
    await browser.page.getByRole('link', { name: 'Overview' }).waitFor();
    expect(await browser.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await browser.page.goto(`${APP_URL}/admin`);
    await browser.page.waitForURL(`${APP_URL}/overview`);
  });

  for (const theme of THEMES) {
    it(`the workspace form has no serious or critical accessibility violation in the ${theme} theme, errors shown`, async () => {
      const user = await createUser({});
      browser = await openBrowser({ colorScheme: theme });
      await signIn(browser.page, user.email, user.password);
      await browser.page.getByRole('heading', { name: 'Create a workspace' }).waitFor();
      await useTheme(browser, theme);
      await browser.page.getByLabel('Workspace id').fill('Not Valid');
      await browser.page.getByRole('button', { name: 'Create workspace' }).click();
      await browser.page.getByText('Give the workspace a name.').waitFor();
      expect(await settledViolations(browser.page)).toEqual([]);
    });
  }

  for (const theme of THEMES) {
    it(`the onboarding panel, members, ingest keys (a secret shown) and audit log have no serious or critical accessibility violation in the ${theme} theme`, async () => {
      const admin = await createUser({});
      const tenantId = uniqueTenantId('e2e-axe');
      const client = await signedInClient(admin.email, admin.password);
      await httpsCallable(client.functions, 'createTenant')({ tenantId, name: 'Axe Corp' }).finally(() => client.close());
      browser = await openBrowser({ colorScheme: theme });
      await signIn(browser.page, admin.email, admin.password);
      await useTheme(browser, theme);
      await browser.page.getByTestId('onboarding').waitFor();
      const onboardingFindings = await settledViolations(browser.page);
      await browser.page.getByRole('link', { name: 'Admin' }).click();
      await browser.page.getByTestId('member-row').waitFor();
      const membersFindings = await settledViolations(browser.page);
      await browser.page.getByRole('link', { name: 'Ingest keys' }).click();
      await browser.page.getByLabel('Key label').fill('axe');
      await browser.page.getByRole('button', { name: 'Create key' }).click();
      await browser.page.getByTestId('key-row').waitFor();
      await browser.page.getByTestId('minted-secret').waitFor();
      const keysFindings = await settledViolations(browser.page);
      await browser.page.getByRole('link', { name: 'Audit log' }).click();
      await browser.page.getByTestId('audit-row').first().waitFor();
      expect({ onboarding: onboardingFindings, members: membersFindings, keys: keysFindings, audit: await settledViolations(browser.page) }).toEqual({
        onboarding: [],
        members: [],
        keys: [],
        audit: [],
      });
    });
  }

  it('an admin invites a new email as operator, who sets a password from the emailed link, signs in and sees the tenant; the last admin cannot leave', async () => {
    const admin = await createUser({});
    const colleague = { email: `invited-${crypto.randomUUID().slice(0, 8)}@test.pulseboard.dev`, password: 'set from the link' };
    const tenantId = uniqueTenantId('e2e-invite');
    const client = await signedInClient(admin.email, admin.password);
    await httpsCallable(client.functions, 'createTenant')({ tenantId, name: 'Invite Corp' }).finally(() => client.close());

    browser = await openBrowser();
    await signIn(browser.page, admin.email, admin.password);
    await browser.page.getByRole('link', { name: 'Admin' }).click();
    await browser.page.getByLabel('Email to invite').fill(colleague.email);
    await browser.page.getByLabel('Role', { exact: true }).selectOption('operator');
    await browser.page.getByRole('button', { name: 'Invite' }).click();
    await browser.page.getByTestId('member-row').filter({ hasText: colleague.email }).waitFor();
    expect(await browser.page.getByTestId('invited').textContent()).toContain(`Invited ${colleague.email}`);
    expect(await browser.page.getByRole('button', { name: `Remove ${admin.email}` }).isDisabled()).toBe(true);

    await browser.page.getByLabel(`Role of ${admin.email}`).selectOption('viewer');
    await browser.page.getByText(`${tenantId} must keep at least one admin: make someone else admin first.`).waitFor();
    await browser.close();

    await setPasswordFromEmailedLink(colleague.email, colleague.password);
    browser = await openBrowser();
    await signIn(browser.page, colleague.email, colleague.password);
    await expect.poll(async () => await browser?.page.getByTestId('tenant-name').textContent(), { timeout: 15_000 }).toBe('Invite Corp');
    expect(await browser.page.getByTestId('role').textContent()).toBe('operator');
    expect(await browser.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
  });

  for (const theme of THEMES) {
    it(`a member of two workspaces sees both with hosts by status and open alerts, one click from each overview (${theme} theme, axe clean)`, async () => {
      const [busy, quiet] = [uniqueTenantId('e2e-busy'), uniqueTenantId('e2e-quiet')];
      await Promise.all([createTenant(busy, { name: 'Busy Corp' }), createTenant(quiet, { name: 'Quiet Corp' })]);
      const key = await writeIngestKey(busy, 'e2e');
      await ingest(key, [{ type: 'metric', host: 'busy-web-01', metric: 'cpu', value: 12, ts: Date.now() }]);
      const user = await createUser({ [busy]: 'operator', [quiet]: 'viewer' });

      browser = await openBrowser({ colorScheme: theme });
      await signIn(browser.page, user.email, user.password);
      await useTheme(browser, theme);
      await browser.page.getByRole('link', { name: 'All workspaces' }).click();
      const busyRow = browser.page.locator(`[data-testid="workspace-row"][data-tenant="${busy}"]`);
      await busyRow.getByTestId('hosts-ok').waitFor();
      expect(await busyRow.getByTestId('hosts-ok').textContent()).toBe('1');
      expect(await busyRow.getByTestId('open-critical').textContent()).toBe('0');
      const quietRow = browser.page.locator(`[data-testid="workspace-row"][data-tenant="${quiet}"]`);
      await quietRow.getByTestId('hosts-ok').waitFor();
      expect(await quietRow.getByTestId('hosts-ok').textContent()).toBe('0');
      expect(await settledViolations(browser.page)).toEqual([]);

      await busyRow.getByRole('link', { name: 'Busy Corp' }).click();
      await browser.page.waitForURL(`${APP_URL}/overview`);
      const cpu = browser.page.getByTestId('metric-card-cpu').getByTestId('metric-value');
      await expect.poll(async () => await cpu.textContent(), { timeout: 15_000 }).toBe('12.0');
    });
  }
});
