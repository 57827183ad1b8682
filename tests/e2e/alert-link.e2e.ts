import { afterEach, describe, expect, it } from 'vitest';
import { paths } from '@pulseboard/contracts';
import { adminDb } from '../../testkit/admin';
import { APP_URL, openBrowser, submitSignIn, type TestBrowser } from '../../testkit/browser';
import { ingest } from '../../testkit/ingest';
import { writeIngestKey } from '../../testkit/ingest-key';
import { createTenant, createUser, uniqueTenantId } from '../../testkit/tenant-fixture';
import { alertLink } from '../../functions/src/notifications/render-notification';

let browser: TestBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe("a notification's link", () => {
  it('opens its alert, in its tenant, once a signed-out on-call engineer has signed in', async () => {
    // Sorted first, so the app would open on the other tenant by itself.
    const other = uniqueTenantId('e2e-a-other');
    const linked = uniqueTenantId('e2e-b-linked');
    await Promise.all([createTenant(other), createTenant(linked)]);
    const member = await createUser({ [other]: 'operator', [linked]: 'operator' });
    const key = await writeIngestKey(linked, member.uid);
    // Past the default critical CPU level: ingest opens an alert (the test tenant has no sustain period).
    expect((await ingest(key, [{ type: 'metric', host: 'e2e-link-01', metric: 'cpu', value: 97, ts: Date.now() }])).accepted).toBe(1);
    const [alert] = (await adminDb.collection(paths.alerts(linked)).get()).docs;
    if (alert === undefined) throw new Error('ingest opened no alert');

    browser = await openBrowser();
    const { page } = browser;
    await page.goto(alertLink({ appUrl: APP_URL, tenantId: linked, alertId: alert.id }));
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await submitSignIn(page);

    await page.waitForURL((url) => url.pathname === '/alerts');
    expect(new URL(page.url()).searchParams.get('alert')).toBe(alert.id);
    const marked = page.locator('[data-testid="alert-row"][aria-current="true"]');
    await expect.poll(async () => await marked.count(), { timeout: 15_000 }).toBe(1);
    expect(await marked.textContent()).toContain('e2e-link-01');
  });
});
