import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe';
import { APP_URL, openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { operatorOfTenantWithData } from './support/tenant-with-data';

/** An iPhone 12 to 15 in portrait, in CSS pixels. */
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(process.cwd(), 'artifacts', 'e2e');
const VIEWS = ['/overview', '/hosts', '/alerts', '/hosts/a-very-long-host-name-in-the-eu-west-1c-zone'];

let browser: TestBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const describeElement = `(element) => element.tagName.toLowerCase() + (typeof element.className === 'string' && element.className ? '.' + element.className.trim().split(/\\s+/).join('.') : '')`;

/**
 * What makes a view scroll sideways: the page wider than the viewport (and the elements past its
 * right edge), or a box inside it that scrolls horizontally (as a wide table in an overflow box).
 */
const SIDEWAYS = `(() => {
  const name = ${describeElement};
  const width = document.documentElement.clientWidth;
  const elements = [...document.querySelectorAll('body *')];
  const pastTheEdge = elements.filter((element) => element.getBoundingClientRect().right > width + 1).map(name);
  const scrollers = elements
    .filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX) && element.scrollWidth > element.clientWidth + 1)
    .map(name);
  return { pageWider: document.documentElement.scrollWidth > width, pastTheEdge: pastTheEdge.slice(0, 5), scrollers };
})()`;

describe('on a phone (390 x 844)', () => {
  it('overview, hosts, alerts and a host page fit the width and have no serious accessibility violation', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const operator = await operatorOfTenantWithData('e2e-phone');
    browser = await openBrowser(PHONE);
    await signIn(browser.page, operator.email, operator.password);
    await browser.page.getByTestId('metric-card-cpu').waitFor();
    const findings: Record<string, unknown> = {};
    for (const view of VIEWS) {
      await browser.page.goto(`${APP_URL}${view}`);
      await browser.page.getByTestId('connection-status').waitFor();
      await browser.page.waitForTimeout(1_000);
      await browser.page.screenshot({ path: join(ARTIFACTS, `phone-${view.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
      const layout = (await browser.page.evaluate(SIDEWAYS)) as { pageWider: boolean; pastTheEdge: string[]; scrollers: string[] };
      if (layout.pageWider || layout.scrollers.length > 0) findings[`${view} scrolls sideways`] = layout;
      const violations = await seriousAccessibilityViolations(browser.page);
      if (violations.length > 0) findings[`${view} axe`] = violations;
    }
    expect(findings).toEqual({});
  });
});
