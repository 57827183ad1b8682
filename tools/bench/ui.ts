/**
 * `npm run bench:ui` against a running stack (`npm start`): signs a fresh tenant's member in to
 * the Hosting-served app in Chromium, posts CPU samples to ingest one at a time and measures from
 * the start of each request to the change of the CPU card in the DOM (a MutationObserver in the
 * page), split at ingest's answer (the batch committed). Also reads the browser's own counters
 * over the run: long tasks, frame rate, heap growth, and the gzip size of the initial bundle. The
 * last line printed is one JSON object.
 * With --load-hosts N > 0 the simulator feeds a second tenant while measuring, so the stack is busy
 * while the measured tenant's card stays readable, and a second browser shows that tenant's
 * overview and first host page, whose widget renders, long tasks and frames are the ones counted
 * (flags: `npm run bench:ui -- --help`). The simulator and every browser are stopped on any exit,
 * failure and Ctrl-C included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { RESOLUTIONS, fleetWindowDoc, paths } from '@pulseboard/contracts';
import type { Page } from 'playwright-core';
import { APP_URL, openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { ingest } from '../../testkit/ingest';
import { writeEveryShardOfRecentWindows } from '../../testkit/fleet-history';
import { adminDb } from '../../testkit/admin';
import { createTenant, createUser, uniqueTenantId } from '../../testkit/tenant-fixture';
import { Cleanups } from '../cli/cleanups';
import { parseFlags } from '../cli/flags';
import { reportProgress } from '../cli/progress';
import { writeIngestKey } from '../../testkit/ingest-key';
import { buildFleet, DEFAULT_SIMULATOR_SEED } from '../simulator/fleet';
import { loadFleetTraces } from '../simulator/load-traces';
import { heapUsedMb } from './browser-heap';
import { warmIngestWorkers } from './warm-up';
import { eventsCounted, percentile } from './stats';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const flags = parseFlags({
  command: 'bench:ui',
  summary:
    'Ingest-to-DOM latency, long tasks, fps, renders per widget, heap and bundle in Chromium against a running `npm start`. ' +
    'Progress every 5 s on stderr; the last stdout line is one JSON object.',
  flags: {
    samples: { type: 'number', default: 50, min: 1, max: 10_000, integer: true, help: 'CPU samples posted and timed to the DOM' },
    gap: { type: 'number', default: 250, min: 0, max: 60_000, integer: true, help: 'milliseconds between two samples' },
    'load-hosts': { type: 'number', default: 0, min: 0, max: 10_000, integer: true, help: 'hosts the simulator feeds into a second tenant meanwhile; 0: no load' },
    'load-interval': { type: 'number', default: 0.6, min: 0.05, max: 3_600, help: "seconds between two samples of the load's hosts" },
    'load-agents': { type: 'number', default: 20, min: 1, max: 1_000, integer: true, help: 'agents the load is posted by, spread over the flush interval' },
    // Agents buffer samples between flushes (bench:ingest's default too): each host document is then
    // rewritten every 5 s, not at every sample, within Firestore's one write per second per document.
    'load-flush': { type: 'number', default: 5, min: 0.05, max: 3_600, help: "seconds between two posts of a load agent" },
    'warm-workers': { type: 'number', default: 4, min: 0, max: 100, integer: true, help: 'ingest workers started before the load' },
    'load-history': {
      type: 'number',
      default: 0,
      min: 0,
      max: 360,
      integer: true,
      help: "the loaded tenant starts with every fleet shard of its newest N 10 s windows; the result's sparklinePoints says how many its CPU sparkline drew",
    },
    unwatched: { type: 'boolean', help: "leave the loaded tenant's pages closed: the stack under the same load without a second browser" },
  },
});
const samples = flags.samples;
const gapMs = flags.gap;
const loadHosts = flags['load-hosts'];
const CARD_VALUE = '[data-testid="metric-card-cpu"] [data-testid="metric-value"]';
const DOM_WAIT_MS = 5_000;
/** What the loaded overview's CPU figure reads when no card is shown: the page still says it is loading. */
const NO_CARD = 'no card';

/** The CPU card's figure, without waiting for a card that a still-loading overview does not show. */
async function shownCpu(page: Page): Promise<string> {
  const card = page.locator(CARD_VALUE);
  return (await card.count()) === 0 ? NO_CARD : ((await card.textContent())?.trim() ?? NO_CARD);
}
const ARTIFACTS = join(repoRoot, 'artifacts', 'bench-ui');

/**
 * What counts as one widget when renders are counted: each card, panel, badge and chart of the
 * overview and the host page. Its DOM changing in one mutation callback is one render.
 */
const WIDGETS = [
  'pb-metric-card',
  '[data-testid="fleet-health"]',
  '[data-testid="top-hosts-cpu"]',
  '[data-testid="top-hosts-errors"]',
  'pb-alert-banner',
  'pb-connection-badge',
  'pb-host-status-badge',
  'pb-threshold-editor',
  'pb-metric-chart',
].join(', ');

/**
 * Installed before the app loads; plain JavaScript text, because it runs in the page. Counts long
 * tasks, stamps every animation frame, and counts renders per widget: one mutation callback that
 * changed a widget is one render of it, tagged with the animation frame it happened in.
 */
const PROBES = `
  const bench = (window.__pulseboardBench = { longTasks: 0, frames: [], renders: [] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.duration > 50) bench.longTasks++;
  }).observe({ type: 'longtask', buffered: true });
  const stamp = (time) => { bench.frames.push(time); requestAnimationFrame(stamp); };
  requestAnimationFrame(stamp);
  const widgets = new WeakMap();
  let nextWidget = 0;
  new MutationObserver((records) => {
    const rendered = new Set();
    for (const record of records) {
      const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
      const widget = node?.closest(${JSON.stringify(WIDGETS)});
      if (!widget) continue;
      if (!widgets.has(widget)) widgets.set(widget, nextWidget++);
      rendered.add(widgets.get(widget));
    }
    for (const widget of rendered) bench.renders.push({ widget, frame: bench.frames.length });
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
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

interface Render {
  widget: number;
  frame: number;
}

interface PageCounters {
  longTasks: number;
  frames: number[];
  renders: Render[];
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

/** Per widget: renders per second over the run, and the most renders it had in one animation frame. */
function renderFigures(renders: readonly Render[], seconds: number): { perSecond: number[]; maxInOneFrame: number } {
  const byWidget = new Map<number, Map<number, number>>();
  for (const { widget, frame } of renders) {
    const frames = byWidget.get(widget) ?? new Map<number, number>();
    frames.set(frame, (frames.get(frame) ?? 0) + 1);
    byWidget.set(widget, frames);
  }
  const perFrame = [...byWidget.values()].flatMap((frames) => [...frames.values()]);
  return {
    perSecond: [...byWidget.values()].map((frames) => [...frames.values()].reduce((sum, count) => sum + count, 0) / seconds),
    maxInOneFrame: Math.max(0, ...perFrame),
  };
}

/** Gzip size of what index.html loads before the app starts: scripts, module preloads, styles. */
function initialBundleKbGzip(): number {
  const dist = join(repoRoot, 'web/dist/browser');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((match) => match[1] as string);
  const bytes = [...new Set(assets)].reduce((sum, asset) => sum + gzipSync(readFileSync(join(dist, asset))).length, 0);
  return Math.round(bytes / 102.4) / 10;
}

const round = (value: number) => Math.round(value * 10) / 10;

interface PageProfile {
  /** Share of the sampled time the page's main thread was idle. */
  idleShare: number;
  /** Where the busy time went, by script file (or native function), most first. */
  busiest: string[];
}

/** Samples a page's main thread with the CDP profiler until the returned stop is called. */
async function profile(page: Page): Promise<() => Promise<PageProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1_000 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile: sampled } = await cdp.send('Profiler.stop');
    await cdp.detach();
    const nodes = new Map(sampled.nodes.map((node) => [node.id, node.callFrame]));
    const deltas = sampled.timeDeltas ?? [];
    const byPlace = new Map<string, number>();
    (sampled.samples ?? []).forEach((id, index) => {
      const frame = nodes.get(id);
      const place = frame?.url ? (frame.url.split('/').at(-1) ?? frame.url) : (frame?.functionName ?? '(unknown)');
      byPlace.set(place, (byPlace.get(place) ?? 0) + (deltas[index] ?? 0));
    });
    const total = [...byPlace.values()].reduce((sum, micros) => sum + micros, 0);
    const idle = byPlace.get('(idle)') ?? 0;
    byPlace.delete('(idle)');
    return {
      idleShare: total === 0 ? 0 : Math.round((idle / total) * 1000) / 1000,
      busiest: [...byPlace]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([place, micros]) => `${place} ${Math.round(micros / 1000)} ms`),
    };
  };
}

interface LoadTenant {
  tenantId: string;
  viewer: Awaited<ReturnType<typeof createUser>>;
  /** The first host the simulator replays: its page is opened beside the overview. */
  firstHost: string;
}

/** Events the tenant's 10 s fleet windows counted per second, over the windows wholly inside [from, to]. */
async function eventsPerSecondIngested(tenantId: string, from: number, to: number): Promise<number> {
  const windowMs = RESOLUTIONS['10s'].ms;
  const first = Math.ceil(from / windowMs) * windowMs;
  const end = Math.floor(to / windowMs) * windowMs;
  if (end <= first) return 0;
  const shards = await adminDb
    .collection(paths.fleetWindows(tenantId))
    .where('resolution', '==', '10s')
    .where('start', '>=', first)
    .where('start', '<', end)
    .get();
  const events = shards.docs.reduce((total, doc) => total + eventsCounted(fleetWindowDoc.parse(doc.data()).metrics), 0);
  return events / ((end - first) / 1000);
}

/** Errors the loaded tenant's pages logged (the app's ErrorHandler logs what it catches). */
const pageErrors: string[] = [];

/** How many windows the overview's CPU sparkline draws: one point (an M or L of its path) each. */
async function cpuSparklinePoints(page: Page): Promise<number> {
  const path = await page.locator('[data-testid="metric-card-cpu"] svg path').getAttribute('d');
  return path?.match(/[ML]/g)?.length ?? 0;
}

/** The simulator feeding a tenant of its own until the clean-up stops it, and a viewer of that tenant. */
async function startLoad(cleanups: Cleanups): Promise<LoadTenant | undefined> {
  if (loadHosts <= 0) return undefined;
  const loadTenant = uniqueTenantId('bench-load');
  await createTenant(loadTenant);
  await writeEveryShardOfRecentWindows(loadTenant, flags['load-history']);
  const loadKey = await writeIngestKey(loadTenant, 'bench');
  await warmIngestWorkers(loadKey, flags['warm-workers']);
  const simulatorFlags = { hosts: loadHosts, interval: flags['load-interval'], flush: flags['load-flush'], agents: flags['load-agents'], key: loadKey };
  const simulator = spawn(
    process.execPath,
    // The load's shape as before the simulator sent network_in, so the figures stay comparable.
    ['--import', 'tsx', 'tools/simulator/cli.ts', ...Object.entries(simulatorFlags).flatMap(([name, value]) => [`--${name}`, String(value)]), '--basic-metrics'],
    // The simulator's progress lines and errors go to this bench's stderr.
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  cleanups.add(() => stopSimulator(simulator));
  const firstHost = buildFleet(loadHosts, loadFleetTraces(), DEFAULT_SIMULATOR_SEED)[0]?.host ?? '';
  return { tenantId: loadTenant, viewer: await createUser({ [loadTenant]: 'viewer' }), firstHost };
}

/** Stops the simulator and waits for it, so its last batches land while the emulators still run. */
async function stopSimulator(simulator: ChildProcess): Promise<void> {
  if (simulator.exitCode !== null || simulator.signalCode !== null) return;
  const exited = new Promise((resolve) => simulator.once('exit', resolve));
  simulator.kill('SIGTERM');
  await exited;
}

/**
 * A second browser, signed in to the loaded tenant, with its overview in one tab and its first
 * host's page (live charts) in another: the widgets whose renders are counted under load.
 */
async function watchLoad(load: LoadTenant, cleanups: Cleanups): Promise<{ browser: TestBrowser; pages: Page[] }> {
  const browser = await openBrowser();
  cleanups.add(() => browser.close());
  await browser.context.addInitScript(PROBES);
  browser.context.on('console', (message) => {
    if (message.type() !== 'error') return;
    pageErrors.push(message.text());
    process.stderr.write(`loaded page error: ${message.text().slice(0, 600)}\n`);
  });
  await signIn(browser.page, load.viewer.email, load.viewer.password);
  await browser.page.locator(CARD_VALUE).waitFor();
  // In a window of its own: as a second tab of the overview's window, the overview got about one
  // animation frame a second (in each of the 4 runs that printed each page's fps median), though
  // both pages reported themselves visible and focused.
  const cdp = await browser.context.newCDPSession(browser.page);
  const opened = browser.context.waitForEvent('page');
  await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: true });
  const hostPage = await opened;
  await cdp.detach();
  await hostPage.goto(`${APP_URL}/hosts/${load.firstHost}`);
  await hostPage.locator('pb-metric-chart').first().waitFor();
  return { browser, pages: [browser.page, hostPage] };
}

const tenantId = uniqueTenantId('bench');
await createTenant(tenantId);
const member = await createUser({ [tenantId]: 'viewer' });
const key = await writeIngestKey(tenantId, member.uid);
const cleanups = new Cleanups('bench:ui');
try {
  const load = await startLoad(cleanups);
  const browser = await openBrowser();
  cleanups.add(() => browser.close());
  const loaded = load === undefined || flags.unwatched ? undefined : await watchLoad(load, cleanups);
  await browser.page.addInitScript(PROBES);
  await signIn(browser.page, member.email, member.password);
  const card = browser.page.locator(CARD_VALUE);
  await card.waitFor();
  // A first sample, so the card goes from "no data" to a number before timing starts.
  await ingest(key, [{ type: 'metric', host: 'bench-01', metric: 'cpu', value: 50, ts: Date.now() }]);
  // Under load, let the simulator's first batches (and the functions' warm-up) pass first.
  await browser.page.waitForTimeout(loadHosts > 0 ? 5_000 : 1_000);
  // Renders are counted where the data moves: the loaded tenant's pages, else the measured one.
  const watched = loaded?.pages ?? [browser.page];
  const heapBefore = await heapUsedMb(browser.page);
  const countersBefore = await Promise.all(watched.map(counters));
  // Only the loaded pages are profiled: the measured page's timings stay free of the profiler.
  const profiling = await Promise.all((loaded?.pages ?? []).map(profile));
  const startedAt = performance.now();

  const latencies: number[] = [];
  // Where the latency goes: ingest's answer (the batch committed) and the rest, from the answer to
  // the DOM (negative when the listener was faster than the HTTP answer).
  const answerLatencies: number[] = [];
  const afterAnswer: number[] = [];
  let missed = 0;
  const stopProgress = reportProgress('bench:ui', 'samples', () => ({ sent: answerLatencies.length, accepted: latencies.length }));
  for (let index = 0; index < samples; index++) {
    // Far from what the card shows, so the change is visible however the card aggregates or rounds.
    const shown = Number.parseFloat((await card.textContent())?.replace(/[^\d.-]/g, '') ?? '');
    const value = shown < 50 ? 99 : 1;
    // Install the observer first, then post, then collect: the observer must see the change.
    await browser.page.evaluate(`void (window.__pulseboardChange = ${AWAIT_CHANGE})`);
    const changed = browser.page.evaluate<number | null>('window.__pulseboardChange');
    const postedAt = Date.now();
    await ingest(key, [{ type: 'metric', host: 'bench-01', metric: 'cpu', value, ts: postedAt }]);
    const answeredAt = Date.now();
    const shownAt = await changed;
    answerLatencies.push(answeredAt - postedAt);
    if (shownAt === null) missed++;
    else {
      latencies.push(shownAt - postedAt);
      afterAnswer.push(shownAt - answeredAt);
    }
    await browser.page.waitForTimeout(gapMs);
  }
  stopProgress();

  const seconds = (performance.now() - startedAt) / 1000;
  const loadReached = load === undefined ? 0 : await eventsPerSecondIngested(load.tenantId, Date.now() - seconds * 1000, Date.now());
  const profiles = await Promise.all(profiling.map((stop) => stop()));
  const countersAfter = await Promise.all(watched.map(counters));
  const heapAfter = await heapUsedMb(browser.page);
  const during = watched.map((_, index) => {
    const before = countersBefore[index] as PageCounters;
    const after = countersAfter[index] as PageCounters;
    return {
      longTasks: after.longTasks - before.longTasks,
      fps: fpsPerSecond(after.frames.slice(before.frames.length)),
      renders: renderFigures(after.renders.slice(before.renders.length), seconds),
    };
  });
  const rendersPerSecond = during.flatMap((page) => page.renders.perSecond);
  const result = {
    samples,
    loadTargetEventsPerSecond: loadHosts > 0 ? Math.round((loadHosts * 3) / flags['load-interval']) : 0,
    // Counted back from the loaded tenant's windows, so it is what the stack took in, not what was sent.
    loadReachedEventsPerSecond: Math.round(loadReached),
    pagesWatched: watched.length,
    missed,
    ingestToDomP50Ms: percentile(latencies, 50),
    ingestToDomP99Ms: percentile(latencies, 99),
    ingestToDomMaxMs: percentile(latencies, 100),
    ingestAnswerP50Ms: percentile(answerLatencies, 50),
    ingestAnswerP99Ms: percentile(answerLatencies, 99),
    answerToDomP50Ms: percentile(afterAnswer, 50),
    answerToDomP99Ms: percentile(afterAnswer, 99),
    longTasksOver50ms: during.reduce((sum, page) => sum + page.longTasks, 0),
    fpsMedian: percentile(during.flatMap((page) => page.fps), 50),
    // Per page too: a page whose frames stopped (a throttled tab) pulls the pooled median down.
    fpsMedianPerPage: during.map((page) => percentile(page.fps, 50)),
    rendersPerWidgetPerSecond: round(percentile(rendersPerSecond, 50)),
    rendersPerWidgetPerSecondMax: round(percentile(rendersPerSecond, 100)),
    maxRendersPerWidgetInOneFrame: Math.max(0, ...during.map((page) => page.renders.maxInOneFrame)),
    heapGrowthMb: round(heapAfter - heapBefore),
    initialBundleKbGzip: initialBundleKbGzip(),
    loadedPagesIdleShare: profiles.map((page) => page.idleShare),
    sparklinePoints: loaded === undefined ? null : await cpuSparklinePoints(loaded.browser.page),
    widgetsRenderedPerPage: during.map((page) => page.renders.perSecond.length),
    loadedOverviewCpu: loaded === undefined ? null : await shownCpu(loaded.browser.page),
    pageErrors: pageErrors.length,
  };
  process.stdout.write(
    `ingest -> DOM over ${latencies.length}/${samples} samples: p50 ${result.ingestToDomP50Ms} ms, p99 ${result.ingestToDomP99Ms} ms, max ${result.ingestToDomMaxMs} ms\n` +
      `of which ingest answered: p50 ${result.ingestAnswerP50Ms} ms, p99 ${result.ingestAnswerP99Ms} ms; answer -> DOM: p50 ${result.answerToDomP50Ms} ms, p99 ${result.answerToDomP99Ms} ms\n` +
      `long tasks > 50 ms: ${result.longTasksOver50ms}; fps median ${result.fpsMedian}; heap growth ${result.heapGrowthMb} MB; initial bundle ${result.initialBundleKbGzip} kB gzip\n` +
      `renders per widget per second over ${rendersPerSecond.length} widgets in ${watched.length} page(s): median ${result.rendersPerWidgetPerSecond}, max ${result.rendersPerWidgetPerSecondMax}; most in one frame: ${result.maxRendersPerWidgetInOneFrame}\n`,
  );
  profiles.forEach((page, index) => {
    process.stdout.write(`loaded page ${index + 1}: main thread idle ${Math.round(page.idleShare * 100)} %; busiest: ${page.busiest.join(', ')}\n`);
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  // Under load the loaded overview's CPU card must show a figure. When it does not (or the overview
  // still says it is loading), its fleet listener never answered (seen with --load-history: the emulator's new watch stream delivered
  // only the newest 200 of its first answers, losing the fleet and alerts targets' acknowledgements;
  // docs/BENCHMARKS.md), and its idle main thread would read as a good result.
  if (result.loadedOverviewCpu === '—' || result.loadedOverviewCpu === NO_CARD) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await Promise.all(watched.map((page, index) => page.screenshot({ path: join(ARTIFACTS, `not-live-page-${index + 1}.png`) })));
    process.stderr.write(`bench:ui: the loaded overview showed no CPU figure; not a valid run (screenshots in ${ARTIFACTS})\n`);
    process.exitCode = 1;
  }
} finally {
  // Newest first: the browsers, then the simulator, whose last batches land while the emulators still run.
  await cleanups.run();
}
process.exit();
