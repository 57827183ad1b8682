import { afterEach, describe, expect, it } from 'vitest';
import { APP_URL, openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { operatorOfTenantWithData } from './support/tenant-with-data';

/**
 * Every CSP violation the page reports, recorded from before the app's first script runs. Read
 * back with a function, not a string: Playwright evaluates a string with eval, which the policy
 * refuses (and reports) before Playwright falls back to another way.
 */
const RECORD_CSP_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI + ' at ' + event.sourceFile + ':' + event.lineNumber);
  });
`;

/** Counts the page's reads of document.cookie, from before the app's first script runs. */
const COUNT_COOKIE_READS = `
  window.__cookieReads = 0;
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    ...cookie,
    get() {
      window.__cookieReads += 1;
      return cookie.get.call(this);
    },
  });
`;

let browser: TestBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** The app's main script, as index.html names it (hashed: what a deploy replaces under a new name). */
async function mainScript(): Promise<string> {
  const html = await (await fetch(`${APP_URL}/index.html`)).text();
  const main = /<script src="(main-[^"]+\.js)"/.exec(html)?.[1];
  if (main === undefined) throw new Error('index.html loads no main script');
  return `/${main}`;
}

describe('Hosting headers', () => {
  it.each(['/', '/index.html', '/hosts/web-01'])('%s is revalidated on every load and carries the security headers', async (path) => {
    const response = await fetch(`${APP_URL}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
  });

  it('a hashed asset is cached for a year as immutable', async () => {
    const response = await fetch(`${APP_URL}${await mainScript()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('/app-config.json is the empty config the build ships (App Check off), revalidated on every load', async () => {
    const response = await fetch(`${APP_URL}/app-config.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.json()).toEqual({});
  });

  it('a chunk the deploy no longer has is a 404, not the app page', async () => {
    const response = await fetch(`${APP_URL}/chunk-GONE0000.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<pb-root>');
  });
});

describe('the build', () => {
  it('keeps async functions native: the app is zoneless, so nothing needs them turned into generators', async () => {
    // The Angular CLI downlevels every async function for zone.js when it thinks zone.js may be
    // loaded, which it assumes of any polyfills entry named with a script extension
    // (web/angular.json names ours without one). Downleveled, the served scripts keep no `async`.
    const main = await (await fetch(`${APP_URL}${await mainScript()}`)).text();
    expect(main).toMatch(/\basync\s*(?:function\b|[\w$]+\s*\(|\([^)]*\)\s*=>)/);
  });
});

describe('Content-Security-Policy', () => {
  it('the app runs every view without one violation', async () => {
    const operator = await operatorOfTenantWithData('e2e-hosting');
    browser = await openBrowser();
    const consoleViolations: string[] = [];
    browser.page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) consoleViolations.push(message.text());
    });
    await browser.context.addInitScript(RECORD_CSP_VIOLATIONS);
    await signIn(browser.page, operator.email, operator.password);
    await browser.page.getByTestId('metric-card-cpu').waitFor();
    const reported: string[] = [];
    for (const view of ['/overview', '/hosts', '/alerts', '/hosts/web-01']) {
      await browser.page.goto(`${APP_URL}${view}`);
      await browser.page.getByTestId('connection-status').waitFor();
      await browser.page.waitForTimeout(1_000);
      reported.push(...(await browser.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)));
    }
    expect({ reported, consoleViolations }).toEqual({ reported: [], consoleViolations: [] });
  });
});

describe("the Firebase SDK's injected defaults", () => {
  it('are declared absent, so the app boots and runs its views without reading a cookie', async () => {
    const operator = await operatorOfTenantWithData('e2e-hosting');
    browser = await openBrowser();
    await browser.context.addInitScript(COUNT_COOKIE_READS);
    await signIn(browser.page, operator.email, operator.password);
    await browser.page.getByTestId('metric-card-cpu').waitFor();
    const reads = () => browser!.page.evaluate(() => (window as unknown as { __cookieReads: number }).__cookieReads);
    const onOverview = await reads();
    await browser.page.getByRole('link', { name: 'Hosts' }).click();
    await browser.page.getByTestId('host-row').first().waitFor();
    expect({ onOverview, withTheTable: await reads() }).toEqual({ onOverview: 0, withTheTable: 0 });
  });
});

describe('after a deploy', () => {
  it('a tab whose lazy chunk is gone reloads once and opens the view', async () => {
    const operator = await operatorOfTenantWithData('e2e-hosting');
    // Without the service worker: a first visit before it is installed, or a browser without one.
    // With it, a tab keeps its version's chunks in the worker's cache and never misses one
    // (offline.e2e.ts covers the worker's "reload to update").
    browser = await openBrowser({ serviceWorkers: 'block' });
    await signIn(browser.page, operator.email, operator.password);
    await browser.page.getByTestId('metric-card-cpu').waitFor();
    // As after a deploy: the chunks this tab has not loaded yet are gone from Hosting, once.
    let refused = 0;
    await browser.page.route(/\/chunk-[0-9A-Z]{8}\.js$/, async (route) => {
      if (refused > 0) return route.continue();
      refused += 1;
      return route.fulfill({ status: 404, body: 'Not Found' });
    });
    const reloaded = browser.page.waitForEvent('load');
    await browser.page.getByRole('link', { name: 'Hosts' }).click();
    await reloaded;
    await browser.page.getByTestId('host-row').first().waitFor();
    expect(new URL(browser.page.url()).pathname).toBe('/hosts');
    expect(refused).toBe(1);
  });
});
