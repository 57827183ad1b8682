import { afterEach, describe, expect, it } from 'vitest';
import { DELIVERY_HEADER, deliveryId, paths, SIGNATURE_HEADER } from '@pulseboard/contracts';
import { adminDb } from '../../testkit/admin';
import { openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { ingest } from '../../testkit/ingest';
import { writeIngestKey } from '../../testkit/ingest-key';
import { createTenant, createUser, uniqueTenantId } from '../../testkit/tenant-fixture';
import { startReceiver, verifySignature, type WebhookReceiver } from '../../testkit/webhook-receiver';
import { DELIVERY_TIMEOUT_MS } from '../support/delivery-timeout';

/** The tenant's sustain period: a breach opens an alert only once it lasted this long. */
const SUSTAIN_SECONDS = 10;
/** Over cpu's default critical level (95). */
const BREACH = 97;

let browser: TestBrowser | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await browser?.close();
  await receiver?.close();
  browser = undefined;
  receiver = undefined;
});

describe('notifications', () => {
  it('an admin adds a webhook channel, a batch crosses a threshold, the receiver gets it signed and the admin sees it sent', { timeout: 3 * DELIVERY_TIMEOUT_MS }, async () => {
    const tenantId = uniqueTenantId('e2e-notify');
    await createTenant(tenantId, { name: 'Notify Corp', sustainSeconds: SUSTAIN_SECONDS });
    const key = await writeIngestKey(tenantId, 'e2e');
    const admin = await createUser({ [tenantId]: 'admin' });
    // Data first: an empty workspace opens on its onboarding page.
    const quietAt = Date.now() - 60_000;
    await ingest(key, [{ type: 'metric', host: 'web-01', metric: 'cpu', value: 40, ts: quietAt }]);
    const hook = await startReceiver();
    receiver = hook;

    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Admin pages' }).getByRole('link', { name: 'Notifications' }).click();
    await page.getByLabel('Label', { exact: true }).fill('e2e hook');
    await page.getByLabel('URL', { exact: true }).fill(hook.url);
    await page.getByRole('button', { name: 'Add channel' }).click();
    const secret = (await page.getByTestId('channel-secret').locator('code.secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await page.getByRole('button', { name: 'Deliveries of e2e hook' }).click();
    await page.getByText('Nothing sent to this channel yet.').waitFor();
    const channels = await adminDb.collection(paths.channels(tenantId)).get();
    expect(channels.docs.map((doc) => doc.get('url'))).toEqual([hook.url]);
    const channelId = channels.docs[0]?.id ?? '';

    // The breach starts; it has not lasted the sustain period yet, so nothing opens.
    const breachStart = Date.now() - (SUSTAIN_SECONDS + 5) * 1000;
    await ingest(key, [{ type: 'metric', host: 'web-01', metric: 'cpu', value: BREACH, ts: breachStart }]);
    expect((await adminDb.collection(paths.alerts(tenantId)).get()).size).toBe(0);
    // Still over the line a sustain period later: the alert opens, named by where the breach began.
    await ingest(key, [{ type: 'metric', host: 'web-01', metric: 'cpu', value: BREACH + 1, ts: Date.now() }]);
    const alertId = `${'web-01'.length}.web-01_cpu_${breachStart}`;
    const expectedDelivery = deliveryId(alertId, 'opened', 'critical', channelId);

    await expect.poll(() => hook.received.length, { timeout: DELIVERY_TIMEOUT_MS }).toBeGreaterThan(0);
    const [request] = hook.received;
    const signature = request?.headers[SIGNATURE_HEADER.toLowerCase()];
    const body = request?.body ?? '';
    expect(typeof signature).toBe('string');
    expect(verifySignature(String(signature), body, secret)).toBe(true);
    expect(verifySignature(String(signature), body, 'f'.repeat(64))).toBe(false);
    expect(request?.headers[DELIVERY_HEADER.toLowerCase()]).toBe(expectedDelivery);
    expect(JSON.parse(body)).toMatchObject({
      deliveryId: expectedDelivery,
      tenantId,
      transition: 'opened',
      alert: { id: alertId, host: 'web-01', metric: 'cpu', level: 'critical', state: 'open', value: BREACH + 1, threshold: 95 },
    });

    const row = page.getByTestId('delivery-row').filter({ hasText: 'web-01 cpu (critical)' });
    await expect.poll(async () => (await row.getByTestId('delivery-status').textContent())?.trim(), { timeout: DELIVERY_TIMEOUT_MS }).toBe('sent');
    expect(await row.textContent()).toContain('opened');
    expect(await page.getByTestId('delivery-row').count()).toBe(1);
    // Sent once: the one request is the whole story.
    expect(hook.received).toHaveLength(1);
  });
});
