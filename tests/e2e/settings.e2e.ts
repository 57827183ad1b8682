import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeIngestKey } from '../../testkit/ingest-key';
import { createTenant, createUser, uniqueTenantId, type TestUser } from '../../testkit/tenant-fixture';
import { seriousAccessibilityViolations } from './support/axe';
import { openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { THEMES, useTheme } from './support/theme';
import { ingest } from '../../testkit/ingest';

let browser: TestBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** A tenant whose one host reports a metric the code has never heard of; returns its admin. */
async function adminOfTenantReporting(metric: string): Promise<TestUser> {
  const tenantId = uniqueTenantId('e2e-settings');
  await createTenant(tenantId, { name: 'Settings Corp' });
  await ingest(await writeIngestKey(tenantId, 'e2e'), [{ type: 'metric', host: 'web-01', metric, value: 3, ts: Date.now() }]);
  return createUser({ [tenantId]: 'admin' });
}

async function openSettings(page: Page, admin: TestUser): Promise<void> {
  await signIn(page, admin.email, admin.password);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('settings-form').waitFor();
}

const level = (page: Page, metric: string, which: 'warning' | 'critical') => page.getByLabel(`${metric} ${which} level`);

describe('tenant settings', () => {
  it('an admin sets a default threshold for a reported metric and renames the workspace, and sees both applied', async () => {
    const admin = await adminOfTenantReporting('queue_depth');
    browser = await openBrowser();
    const { page } = browser;
    await openSettings(page, admin);

    await level(page, 'queue_depth', 'warning').fill('50');
    await level(page, 'queue_depth', 'critical').fill('200');
    await page.getByLabel('Display name').fill('Renamed Corp');
    await page.getByRole('button', { name: 'Save settings' }).click();

    await expect.poll(async () => await page.getByTestId('tenant-name').textContent(), { timeout: 15_000 }).toBe('Renamed Corp');
    await expect.poll(async () => await page.locator('pb-pending-mark').count(), { timeout: 15_000 }).toBe(0);
    await page.reload();
    await page.getByTestId('settings-form').waitFor();
    await expect.poll(async () => await level(page, 'queue_depth', 'warning').inputValue(), { timeout: 15_000 }).toBe('50');
    expect(await level(page, 'queue_depth', 'critical').inputValue()).toBe('200');
    expect(await page.getByLabel('Display name').inputValue()).toBe('Renamed Corp');
  });

  it('a change the function refuses rolls back, with its reason shown', async () => {
    const admin = await adminOfTenantReporting('disk_used');
    browser = await openBrowser();
    const { page } = browser;
    await openSettings(page, admin);
    const cpuWarningBefore = await level(page, 'cpu', 'warning').inputValue();

    await level(page, 'cpu', 'warning').fill('99');
    await level(page, 'cpu', 'critical').fill('98');
    await page.getByRole('button', { name: 'Save settings' }).click();

    await page.getByText('Saving the tenant settings was rejected: cpu: The warning level (99) must be below the critical level (98).').waitFor();
    expect(await level(page, 'cpu', 'warning').inputValue()).toBe(cpuWarningBefore);
    expect(await page.locator('pb-pending-mark').count()).toBe(0);
  });

  for (const theme of THEMES) {
    it(`the settings page, a refusal shown, has no serious or critical accessibility violation in the ${theme} theme`, async () => {
      const admin = await adminOfTenantReporting('disk_used');
      browser = await openBrowser({ colorScheme: theme });
      const { page } = browser;
      await openSettings(page, admin);
      await useTheme(browser, theme);
      await level(page, 'disk_used', 'warning').fill('5');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Give disk_used both levels as numbers, or neither for no default.').waitFor();
      await expect.poll(() => page.evaluate('document.getAnimations().length'), { timeout: 5_000 }).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });
  }
});
