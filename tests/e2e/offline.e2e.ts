import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { paths } from '@pulseboard/contracts';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { writeIngestKey } from '../../testkit/ingest-key';
import { adminDb } from '../../testkit/admin';
import { createTenant, createUser, uniqueTenantId } from '../../testkit/tenant-fixture';
import { APP_URL, openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { placesMentioning, readDeviceStorage, versionChangeListeners, waitForCachedShell } from './support/device-storage';
import { closureListeners } from './support/heap-snapshot';
import { ingest } from '../../testkit/ingest';

/** The offline limit applyCommand runs with here: functions/.env.e2e (`npm run test:e2e` runs `--project e2e`). */
const OFFLINE_LIMIT_MS = Number(parseEnv(readFileSync('functions/.env.e2e', 'utf8'))['COMMAND_OFFLINE_LIMIT_MS']);
const HOST = 'edge-01';
const ARTIFACTS = join(process.cwd(), 'artifacts', 'e2e');
/** The service worker's manifest as the Hosting emulator serves it (the production build). */
const SERVED_MANIFEST = join(process.cwd(), 'web', 'dist', 'browser', 'ngsw.json');
/** Offline reloads timed for docs/BENCHMARKS.md (recorded, never asserted). */
const TIMED_RELOADS = 7;

let browser: TestBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** A tenant with one host at 42 % CPU, and its operator signed in on the overview with the shell cached. */
async function operatorOnline() {
  const tenantId = uniqueTenantId('e2e-offline');
  await createTenant(tenantId);
  const operator = await createUser({ [tenantId]: 'operator' });
  const key = await writeIngestKey(tenantId, operator.uid);
  await ingest(key, [{ type: 'metric', host: HOST, metric: 'cpu', value: 42, ts: Date.now() }]);
  browser = await openBrowser();
  await signIn(browser.page, operator.email, operator.password);
  await expect.poll(() => cpuCard(browser!.page).textContent(), { timeout: 15_000 }).toMatch(/42/);
  await waitForCachedShell(browser.page);
  return { tenantId, browser };
}

const cpuCard = (page: Page) => page.getByTestId('metric-card-cpu').getByTestId('metric-value');
const status = (page: Page) => page.getByTestId('connection-status');
const cpuEditor = (page: Page) => page.locator('pb-threshold-editor').first();

/** Switches the network off for the pages and the service worker, and checks the worker is cut off too. */
async function goOffline(test: TestBrowser): Promise<void> {
  await test.context.setOffline(true);
  const [worker] = test.context.serviceWorkers();
  const reach = await worker?.evaluate(() => fetch(`/favicon.svg?probe=${Date.now()}`, { cache: 'no-store' }).then(() => 'reached', () => 'offline'));
  expect(reach).toBe('offline');
}

/**
 * Tells the page just loaded that it is offline. The context stays offline (setOffline), and the
 * page's requests fail, but Debian's Chromium 150 starts every document loaded under that
 * emulation with navigator.onLine true and fires no 'offline' event, which a real outage does not
 * do; the DevTools protocol's emulation, sent on a session attached to the new document and kept
 * open, gives the page what the browser would say.
 */
async function tellPageItIsOffline(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/** Opens the host page and waits until its CPU threshold can be edited. */
async function openHostPage(page: Page): Promise<void> {
  await page.goto(`${APP_URL}/hosts/${HOST}`);
  await cpuEditor(page).getByTestId('threshold-edit').waitFor();
}

/** Opens the CPU threshold's editor, types both levels and saves. */
async function saveCpuThreshold(page: Page, warning: number, critical: number): Promise<void> {
  const editor = cpuEditor(page);
  await editor.getByTestId('threshold-edit').click();
  await editor.getByTestId('threshold-warning').fill(String(warning));
  await editor.getByTestId('threshold-critical').fill(String(critical));
  await editor.getByTestId('threshold-save').click();
}

/** Saves both levels and waits until the page shows them applied by the server. */
async function applyCpuThreshold(page: Page, warning: number, critical: number, timeout = 15_000): Promise<void> {
  await saveCpuThreshold(page, warning, critical);
  await expect.poll(() => cpuEditor(page).getByTestId('threshold-value').textContent(), { timeout }).toContain(`${warning} / ${critical}`);
}

async function editCpuThreshold(page: Page, warning: number, critical: number): Promise<void> {
  await saveCpuThreshold(page, warning, critical);
  // The SDK has the write in its IndexedDB queue once a listener reports it pending.
  await page.locator('pb-connection-badge').getByText('saving').waitFor();
}

/** The command the operator wrote, as the server stored it. */
async function onlyCommand(tenantId: string) {
  const commands = await adminDb.collection(paths.commands(tenantId)).get();
  expect(commands.size).toBe(1);
  return commands.docs[0]?.data();
}

describe('offline', () => {
  it('reopens the overview and a host page from the cache without a network, marked offline with the age of the data', async () => {
    const { page } = (await operatorOnline()).browser;
    await openHostPage(page);
    await page.goto(`${APP_URL}/overview`);
    await expect.poll(() => cpuCard(page).textContent(), { timeout: 15_000 }).toMatch(/42/);
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toBe('live');
    await goOffline(browser!);

    const renderMs: number[] = [];
    for (let run = 0; run < TIMED_RELOADS; run++) {
      await page.reload({ waitUntil: 'commit' });
      // performance.now() counts from the reload's navigation start.
      const shownAt = await page.waitForFunction(
        () => /42/.test(document.querySelector('[data-testid="metric-card-cpu"] [data-testid="metric-value"]')?.textContent ?? '') && performance.now(),
        undefined,
        { polling: 'raf', timeout: 15_000 },
      );
      renderMs.push(Math.round((await shownAt.jsonValue()) as number));
    }
    await tellPageItIsOffline(page);
    await expect.poll(() => status(page).textContent(), { timeout: 5_000 }).toBe('offline');
    expect(await page.getByTestId('data-age').textContent()).toMatch(/data from (now|\d+ seconds? ago|\d+ minutes? ago)/);

    await page.goto(`${APP_URL}/hosts/${HOST}`);
    await expect.poll(() => cpuEditor(page).getByTestId('threshold-value').textContent(), { timeout: 15_000 }).toMatch(/\d+ \/ \d+/);
    await tellPageItIsOffline(page);
    await expect.poll(() => status(page).textContent(), { timeout: 5_000 }).toBe('offline');

    mkdirSync(ARTIFACTS, { recursive: true });
    const sorted = [...renderMs].sort((a, b) => a - b);
    writeFileSync(
      join(ARTIFACTS, 'offline-reload.json'),
      `${JSON.stringify({ date: new Date().toISOString(), runs: renderMs, medianMs: sorted[Math.floor(sorted.length / 2)] }, null, 2)}\n`,
    );
  });

  it('keeps an edit made offline across a reload, shown as queued at its click time, and applies it when the network returns in time', async () => {
    const { tenantId, browser: test } = await operatorOnline();
    const { page } = test;
    await openHostPage(page);
    await goOffline(test);
    await editCpuThreshold(page, 55, 85);

    await page.reload();
    const editor = cpuEditor(page);
    await expect.poll(() => editor.getByTestId('threshold-value').textContent(), { timeout: 15_000 }).toContain('55 / 85');
    const mark = editor.getByTestId('threshold-pending');
    expect(await mark.getAttribute('data-sync')).toBe('queued');
    expect(await mark.textContent()).toMatch(/queued, clicked at \d{1,2}:\d{2}:\d{2}/);
    expect(await page.getByTestId('command-notice').textContent()).toContain('your changes are queued');
    expect((await adminDb.collection(paths.commands(tenantId)).get()).size).toBe(0);

    await test.context.setOffline(false);
    await mark.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await editor.getByTestId('threshold-value').textContent()).toContain('55 / 85');
    expect(await onlyCommand(tenantId)).toMatchObject({ status: 'applied', reason: null });
    expect((await adminDb.doc(paths.host(tenantId, HOST)).get()).get('thresholds.cpu')).toEqual({ warning: 55, critical: 85 });
  });

  it('refuses an edit that reaches the server later than the offline limit after its click, and says why', async () => {
    const { tenantId, browser: test } = await operatorOnline();
    const { page } = test;
    await openHostPage(page);
    const before = await cpuEditor(page).getByTestId('threshold-value').textContent();
    await goOffline(test);
    await editCpuThreshold(page, 56, 86);
    await page.reload();
    await cpuEditor(page).getByTestId('threshold-pending').waitFor();
    await page.waitForTimeout(OFFLINE_LIMIT_MS + 2_000);

    await test.context.setOffline(false);
    const rejection = cpuEditor(page).getByTestId('threshold-rejection');
    await rejection.waitFor({ timeout: 30_000 });
    expect(await rejection.textContent()).toContain('Expired while offline');
    expect(await cpuEditor(page).getByTestId('threshold-value').textContent()).toBe(before);
    expect(await onlyCommand(tenantId)).toMatchObject({ status: 'expired', reason: expect.stringMatching(/^Expired while offline/) });
    expect((await adminDb.doc(paths.host(tenantId, HOST)).get()).get('thresholds.cpu')).toBeUndefined();
  });

  it('offers a new deployment as "reload to update", and runs it after the reload', async () => {
    const { page } = (await operatorOnline()).browser;
    const original = readFileSync(SERVED_MANIFEST, 'utf8');
    try {
      // A deployment as the worker sees it: a new ngsw.json (the same files, a new build time).
      const deployed = { ...(JSON.parse(original) as Record<string, unknown>), timestamp: Date.now() };
      writeFileSync(SERVED_MANIFEST, JSON.stringify(deployed));
      await page.reload();
      const offer = page.getByTestId('update-offer');
      await offer.waitFor({ timeout: 30_000 });
      expect(await offer.textContent()).toContain('A new version of Pulseboard is available.');
      await offer.getByRole('button', { name: 'Reload to update' }).click();
      await cpuCard(page).waitFor();
      const running = await page.evaluate(async () => (await fetch('/ngsw/state')).text());
      expect(running).toMatch(/Driver state: NORMAL/);
      expect(await offer.count()).toBe(0);
    } finally {
      writeFileSync(SERVED_MANIFEST, original);
    }
  });

  it('keeps the listeners on its IndexedDB connections constant however many writes it makes (no per-transaction leak)', async () => {
    const { page } = (await operatorOnline()).browser;
    await openHostPage(page);
    await applyCpuThreshold(page, 40, 70);
    const before = await versionChangeListeners(page);
    // The persistent cache must be open, or the count below could not grow.
    expect(before).toBeGreaterThan(0);
    for (let change = 1; change <= 8; change++) await applyCpuThreshold(page, 40 + change, 70 + change);
    // Each change runs several IndexedDB transactions (its queued write, the listener's cache).
    // @firebase/firestore 4.8.0 added a 'versionchange' listener on every one of them.
    expect(await versionChangeListeners(page)).toBe(before);
  });

  it('keeps its WebChannel stats listeners constant however often the network drops (no per-stream leak)', async () => {
    const { browser: test } = await operatorOnline();
    const { page } = test;
    await openHostPage(page);
    // WebChannel's stats events ('statevent', on one event target shared by every channel).
    const before = await closureListeners(page, 'statevent');
    // The SDK listens to them: the count is there to grow.
    expect(before).toBeGreaterThan(0);
    for (let cut = 1; cut <= 3; cut++) {
      await goOffline(test);
      // Offline, the SDK restarts its streams and retries them with backoff: a new WebChannel each time.
      await page.waitForTimeout(4_000);
      await test.context.setOffline(false);
      // Applied by the server, so both streams (listen and write) are open again.
      await applyCpuThreshold(page, 40 + cut, 70 + cut, 30_000);
    }
    // @firebase/firestore up to 4.9 added a listener there for every stream it opened, holding the
    // closed stream and its channel for the life of the page.
    expect(await closureListeners(page, 'statevent')).toBe(before);
  });

  it('leaves no tenant data in IndexedDB, Cache Storage or localStorage after sign-out, and the shell still opens offline', async () => {
    const { tenantId, browser: test } = await operatorOnline();
    const { page } = test;
    await openHostPage(page);
    // The scan finds the tenant while signed in: it can fail.
    expect(placesMentioning(await readDeviceStorage(page), tenantId)).not.toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    const stored = await readDeviceStorage(page);
    expect(placesMentioning(stored, tenantId)).toEqual([]);
    expect(placesMentioning(stored, HOST)).toEqual([]);

    await goOffline(test);
    await page.reload();
    await page.getByLabel('Email').waitFor();
  });
});
