import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe';
import { APP_URL, openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { THEMES, useTheme } from './support/theme';
import { operatorOfTenantWithData } from './support/tenant-with-data';

const ARTIFACTS = join(process.cwd(), 'artifacts', 'e2e');

let browser: TestBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** The app's views: every navigation link once signed in, by path, and one host page. */
async function viewPaths(test: TestBrowser): Promise<string[]> {
  const hrefs = await test.page.locator('nav a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return [...new Set([...hrefs.filter((href) => href.startsWith('/')), '/hosts/web-01'])];
}

/** The screenshot's file name for a view in a theme. */
function artifactName(view: string, theme: string): string {
  return `${view.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'overview'}-${theme}.png`;
}

describe('every view', () => {
  for (const theme of THEMES) {
    it(`has no serious or critical accessibility violation in the ${theme} theme, screenshots kept`, async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      browser = await openBrowser({ colorScheme: theme });
      await browser.page.goto(APP_URL);
      await browser.page.getByLabel('Email').waitFor();
      await browser.page.screenshot({ path: join(ARTIFACTS, `sign-in-${theme}.png`), fullPage: true });
      const findings = { 'sign-in': await seriousAccessibilityViolations(browser.page) } as Record<string, unknown[]>;

      const operator = await operatorOfTenantWithData('e2e-views');
      await signIn(browser.page, operator.email, operator.password);
      await browser.page.getByTestId('metric-card-cpu').waitFor();
      await useTheme(browser, theme);
      const views = await viewPaths(browser);
      expect(views.length).toBeGreaterThan(0);
      for (const view of views) {
        await browser.page.goto(`${APP_URL}${view}`);
        await useTheme(browser, theme);
        // Firestore keeps a channel open, so the network never idles: give listeners a moment instead.
        await browser.page.getByTestId('connection-status').waitFor();
        await browser.page.waitForTimeout(1_000);
        await browser.page.screenshot({ path: join(ARTIFACTS, artifactName(view, theme)), fullPage: true });
        findings[view] = await seriousAccessibilityViolations(browser.page);
      }
      expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length > 0))).toEqual({});
    });
  }
});

describe('page changes', () => {
  it('keep the connection badge live, and the hosts table quiet, when pages already visited show their cache first', async () => {
    const operator = await operatorOfTenantWithData('e2e-page-changes');
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, operator.email, operator.password);
    await page.getByTestId('metric-card-cpu').waitFor();
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 20_000 }).toBe('live');
    // Every change of the badge's text from here on, and every moment the table says it shows the cache.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { pulseboardSeen: seen });
      let badge = 'live';
      new MutationObserver(() => {
        const now = document.querySelector('[data-testid="connection-status"]')?.textContent ?? 'no badge';
        if (now !== badge) seen.push((badge = now));
        if (document.querySelector('[data-testid="hosts-stale"]') && seen.at(-1) !== 'hosts-stale') seen.push('hosts-stale');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    // Each page's content is the cache's answer; the backend's comes after it.
    const visits = [['Hosts', 'host-row'], ['Alerts', 'alert-row'], ['Overview', 'metric-card-cpu']] as const;
    for (const [link, content] of [...visits, ...visits]) {
      await page.locator('nav').getByRole('link', { name: link, exact: true }).click();
      await page.getByTestId(content).first().waitFor();
    }
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toBe('live');
    expect(await page.evaluate(() => (window as unknown as { pulseboardSeen: string[] }).pulseboardSeen)).toEqual([]);
  });
});
