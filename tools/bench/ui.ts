/**
 * `npm run bench:ui` against a running stack (`npm start`): signs a fresh tenant's member in to
 * the Hosting-served app in Chromium, posts CPU samples to ingest one at a time and measures from
 * the start of each request to the change of the CPU card in the DOM (a MutationObserver in the
 * page). Also reads the browser's own counters over the run: long tasks, frame rate, heap growth,
 * and the gzip size of the initial bundle. The last line printed is one JSON object.
 * Flags: --samples 50 --gap 250 (ms between samples) --load-hosts 0 (with N > 0, the simulator
 * drives N hosts every --load-interval seconds into a second tenant while measuring, so the stack is
 * busy while the measured tenant's card stays readable).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { openBrowser, signIn } from '../../tests/e2e/support/browser';
import { ingest } from '../../tests/e2e/support/ingest';
import { createTenant, createUser, uniqueTenantId } from '../../tests/support/tenant-fixture';
import { writeIngestKey } from '../seed/ingest-key';
import { percentile } from './stats';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: flags } = parseArgs({
  options: {
    samples: { type: 'string', default: '50' },
    gap: { type: 'string', default: '250' },
    'load-hosts': { type: 'string', default: '0' },
    'load-interval': { type: 'string', default: '0.6' },
  },
});
const samples = Number(flags.samples);
const gapMs = Number(flags.gap);
const loadHosts = Number(flags['load-hosts']);
const CARD_VALUE = '[data-testid="metric-card-cpu"] [data-testid="metric-value"]';
const DOM_WAIT_MS = 5_000;

/**
 * Installed before the app loads; plain JavaScript text, because it runs in the page. Counts long
 * tasks and stamps every animation frame.
 */
const PROBES = `
  window.__pulseboardBench = { longTasks: 0, frames: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.duration > 50) window.__pulseboardBench.longTasks++;
  }).observe({ type: 'longtask', buffered: true });
  const stamp = (time) => { window.__pulseboardBench.frames.push(time); requestAnimationFrame(stamp); };
  requestAnimationFrame(stamp);
`;

/** Resolves with the wall-clock time at which the card's text changes, or null after the wait. */
const AWAIT_CHANGE = `new Promise((resolve) => {
  const target = document.querySelector(${JSON.stringify(CARD_VALUE)});
  const before = target.textContent;
  const observer = new MutationObserver(() => {
    if (target.textContent === before) return;
    observer.disconnect();
    resolve(Date.now());
  });
  observer.observe(target, { subtree: true, childList: true, characterData: true });
  setTimeout(() => { observer.disconnect(); resolve(null); }, ${DOM_WAIT_MS});
})`;

interface PageCounters {
  longTasks: number;
  frames: number[];
}

async function counters(page: Page): Promise<PageCounters> {
  return (await page.evaluate('window.__pulseboardBench')) as PageCounters;
}

/** Frames per second in each whole second between two frame stamps. */
function fpsPerSecond(frames: readonly number[]): number[] {
  const first = frames[0];
  if (first === undefined) return [];
  const perSecond = new Map<number, number>();
  for (const time of frames) {
    const second = Math.floor((time - first) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const last = Math.floor(((frames.at(-1) as number) - first) / 1000);
  // The last second is partial.
  return [...perSecond].filter(([second]) => second < last).map(([, count]) => count);
}

/** Gzip size of what index.html loads before the app starts: scripts, module preloads, styles. */
function initialBundleKbGzip(): number {
  const dist = join(repoRoot, 'web/dist/browser');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((match) => match[1] as string);
  const bytes = [...new Set(assets)].reduce((sum, asset) => sum + gzipSync(readFileSync(join(dist, asset))).length, 0);
  return Math.round(bytes / 102.4) / 10;
}

async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1_048_576;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The simulator feeding a tenant of its own, until stopped. */
async function startLoad(): Promise<ChildProcess | undefined> {
  if (loadHosts <= 0) return undefined;
  const loadTenant = uniqueTenantId('bench-load');
  await createTenant(loadTenant);
  const loadKey = await writeIngestKey(loadTenant, 'bench');
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'tools/simulator/cli.ts', '--hosts', String(loadHosts), '--interval', flags['load-interval'], '--key', loadKey],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const tenantId = uniqueTenantId('bench');
await createTenant(tenantId);
const member = await createUser({ [tenantId]: 'viewer' });
const key = await writeIngestKey(tenantId, member.uid);
const load = await startLoad();
const browser = await openBrowser();
try {
  await browser.page.addInitScript(PROBES);
  await signIn(browser.page, member.email, member.password);
  const card = browser.page.locator(CARD_VALUE);
  await card.waitFor();
  // A first sample, so the card goes from "no data" to a number before timing starts.
  await ingest(key, [{ type: 'metric', host: 'bench-01', metric: 'cpu', value: 50, ts: Date.now() }]);
  // Under load, let the simulator's first batches (and the functions' warm-up) pass first.
  await browser.page.waitForTimeout(loadHosts > 0 ? 5_000 : 1_000);
  const heapBefore = await heapUsedMb(browser.page);
  const countersBefore = await counters(browser.page);

  const latencies: number[] = [];
  let missed = 0;
  for (let index = 0; index < samples; index++) {
    // Far from what the card shows, so the change is visible however the card aggregates or rounds.
    const shown = Number.parseFloat((await card.textContent())?.replace(/[^\d.-]/g, '') ?? '');
    const value = shown < 50 ? 99 : 1;
    // Install the observer first, then post, then collect: the observer must see the change.
    await browser.page.evaluate(`void (window.__pulseboardChange = ${AWAIT_CHANGE})`);
    const changed = browser.page.evaluate<number | null>('window.__pulseboardChange');
    const postedAt = Date.now();
    await ingest(key, [{ type: 'metric', host: 'bench-01', metric: 'cpu', value, ts: postedAt }]);
    const shownAt = await changed;
    if (shownAt === null) missed++;
    else latencies.push(shownAt - postedAt);
    await browser.page.waitForTimeout(gapMs);
  }

  const countersAfter = await counters(browser.page);
  const heapAfter = await heapUsedMb(browser.page);
  const fps = fpsPerSecond(countersAfter.frames.slice(countersBefore.frames.length));
  const result = {
    samples,
    // What the simulator is asked for; it posts one batch at a time, so a slow ingest lowers the rate reached.
    loadTargetEventsPerSecond: loadHosts > 0 ? Math.round((loadHosts * 3) / Number(flags['load-interval'])) : 0,
    missed,
    ingestToDomP50Ms: percentile(latencies, 50),
    ingestToDomP99Ms: percentile(latencies, 99),
    ingestToDomMaxMs: percentile(latencies, 100),
    longTasksOver50ms: countersAfter.longTasks - countersBefore.longTasks,
    fpsMedian: percentile(fps, 50),
    heapGrowthMb: round(heapAfter - heapBefore),
    initialBundleKbGzip: initialBundleKbGzip(),
  };
  process.stdout.write(
    `ingest -> DOM over ${latencies.length}/${samples} samples: p50 ${result.ingestToDomP50Ms} ms, p99 ${result.ingestToDomP99Ms} ms, max ${result.ingestToDomMaxMs} ms\n` +
      `long tasks > 50 ms: ${result.longTasksOver50ms}; fps median ${result.fpsMedian}; heap growth ${result.heapGrowthMb} MB; initial bundle ${result.initialBundleKbGzip} kB gzip\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  load?.kill('SIGTERM');
  await browser.close();
}
process.exit(0);
