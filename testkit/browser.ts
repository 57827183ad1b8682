import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** The production build served by the Hosting emulator. */
export const APP_URL = 'http://127.0.0.1:5000';

/** Headless, and quiet on a closed network: no background fetches, updates or sync. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh Chromium with its own throw-away profile, so no session or cache leaks between tests. */
export async function openBrowser(
  options: {
    colorScheme?: 'light' | 'dark';
    width?: number;
    height?: number;
    serviceWorkers?: 'allow' | 'block';
    /** An HTTP proxy for every request, loopback included (Playwright proxies loopback too). */
    proxy?: string;
  } = {},
): Promise<TestBrowser> {
  process.env['PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD'] = '1';
  const profile = mkdtempSync(join(tmpdir(), 'pulseboard-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    serviceWorkers: options.serviceWorkers ?? 'allow',
    ...(options.proxy === undefined ? {} : { proxy: { server: options.proxy } }),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the app's form, as a person would. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await fillSignIn(page, email, password);
  await submitSignIn(page);
}

/** Loads the app's sign-in page and fills its form: the part of signIn before the click. */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(APP_URL);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
}

/** Clicks the filled sign-in form's button: the rest of signIn. */
export async function submitSignIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).click();
}
