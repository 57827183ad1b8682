import { afterEach, describe, expect, it } from 'vitest';
import { writeIngestKey } from '../../tools/seed/ingest-key';
import { createTenant, createUser, uniqueTenantId } from '../support/tenant-fixture';
import { openBrowser, signIn, type TestBrowser } from './support/browser';
import { ingest } from './support/ingest';

let browser: TestBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** The number a metric card shows, or NaN while it shows none (a dash, "no data"). */
function shownNumber(text: string | null): number {
  return Number.parseFloat((text ?? '').replace(/[^\d.-]/g, ''));
}

describe('live dashboard', () => {
  it('shows a CPU value posted to ingest on the signed-in member’s metric card', async () => {
    const tenantId = uniqueTenantId('e2e');
    await createTenant(tenantId);
    const member = await createUser({ [tenantId]: 'viewer' });
    const key = await writeIngestKey(tenantId, member.uid);

    browser = await openBrowser();
    await signIn(browser.page, member.email, member.password);
    const cpuValue = browser.page.getByTestId('metric-card-cpu').getByTestId('metric-value');
    await cpuValue.waitFor();
    const before = await cpuValue.textContent();

    const answer = await ingest(key, [{ type: 'metric', host: 'e2e-01', metric: 'cpu', value: 73.5, ts: Date.now() }]);
    expect(answer.accepted).toBe(1);

    await expect.poll(async () => await cpuValue.textContent(), { timeout: 10_000 }).not.toBe(before);
    // One host reporting: the fleet CPU is its value, however the card rounds it.
    expect(Math.abs(shownNumber(await cpuValue.textContent()) - 73.5)).toBeLessThanOrEqual(0.5);
  });
});
