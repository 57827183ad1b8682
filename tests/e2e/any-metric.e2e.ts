import { paths } from '@pulseboard/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { adminDb } from '../../testkit/admin';
import { APP_URL, type TestBrowser } from '../../testkit/browser';
import { ingest } from '../../testkit/ingest';
import { signedInToNewTenant } from './support/new-tenant';

const HOST = 'e2e-queue-01';
/** A metric name the code has never heard of: no registry entry, no default threshold. */
const METRIC = 'queue_depth';

let browser: TestBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** A new tenant's operator signed in (the overview opens), and an ingest key of that tenant. */
async function operatorOfNewTenant() {
  const tenant = await signedInToNewTenant('operator', 'e2e-metric');
  browser = tenant.browser;
  return { tenantId: tenant.tenantId, key: tenant.key, page: tenant.browser.page };
}

describe('a metric the code has never heard of', () => {
  it('is charted on its host page, can be a hosts-table column, and alerts on a threshold set in the UI', async () => {
    const { tenantId, key, page } = await operatorOfNewTenant();
    expect((await ingest(key, [{ type: 'metric', host: HOST, metric: METRIC, value: 42, ts: Date.now() }])).accepted).toBe(1);

    // Its host page charts it, after the known metrics, under its own name.
    await page.goto(`${APP_URL}/hosts/${HOST}`);
    const chart = page.getByTestId(`chart-${METRIC}`);
    await chart.waitFor({ timeout: 15_000 });
    expect((await chart.getByTestId('chart-name').textContent())?.trim()).toBe(METRIC);
    const captions = await page.locator('pb-metric-chart figcaption').getByTestId('chart-name').allTextContents();
    expect(captions.at(-1)?.trim()).toBe(METRIC);

    // A threshold set in the UI reaches the host document through its command.
    const editor = page.getByTestId(`threshold-${METRIC}`);
    await editor.getByTestId('threshold-edit').click();
    await editor.getByTestId('threshold-warning').fill('100');
    await editor.getByTestId('threshold-critical').fill('500');
    await editor.getByTestId('threshold-save').click();
    await expect
      .poll(async () => (await adminDb.doc(paths.host(tenantId, HOST)).get()).get(`thresholds.${METRIC}`), { timeout: 20_000 })
      .toEqual({ warning: 100, critical: 500 });

    // A value past the critical level opens an alert (the test tenant has no sustain period).
    expect((await ingest(key, [{ type: 'metric', host: HOST, metric: METRIC, value: 600, ts: Date.now() }])).accepted).toBe(1);
    await page.goto(`${APP_URL}/alerts`);
    const openAlerts = page.getByTestId('alerts-open');
    await expect.poll(async () => await openAlerts.textContent(), { timeout: 15_000 }).toContain(METRIC);
    expect(await openAlerts.getByTestId('alert-row').filter({ hasText: METRIC }).getAttribute('class')).toContain('critical');

    // The hosts table offers it as a column, and shows its newest value there once picked.
    await page.goto(`${APP_URL}/hosts`);
    await page.getByTestId('column-picker').locator('summary').click();
    await page.getByTestId(`column-toggle-${METRIC}`).check();
    await expect.poll(async () => (await page.getByTestId(`cell-${METRIC}`).first().textContent())?.trim(), { timeout: 10_000 }).toBe('600');
  });

  it("turns the CPU card critical when the fleet's CPU crosses the tenant's critical level", async () => {
    const { key, page } = await operatorOfNewTenant();
    // A workspace without data shows the onboarding panel, not the cards: the first batch brings them.
    await page.getByTestId('onboarding').waitFor();
    expect((await ingest(key, [{ type: 'metric', host: HOST, metric: 'cpu', value: 40, ts: Date.now() }])).accepted).toBe(1);
    const card = page.getByTestId('metric-card-cpu');
    await expect.poll(async () => (await card.getByTestId('metric-value').textContent())?.trim(), { timeout: 10_000 }).toBe('40.0');
    expect((await card.getAttribute('class')) ?? '').not.toContain('critical');
    // In the next 10 s window, which the card shows on its own: the fleet's mean CPU is 99 there.
    expect((await ingest(key, [{ type: 'metric', host: HOST, metric: 'cpu', value: 99, ts: Date.now() + 10_000 }])).accepted).toBe(1);
    await expect.poll(async () => (await card.getAttribute('class')) ?? '', { timeout: 10_000 }).toContain('critical');
    expect((await card.getByTestId('metric-level').textContent())?.trim()).toBe('critical');
  });
});
