/**
 * `npm run bench:cost` against running emulators started with START_LOGGING_EMULATOR=true
 * (docs/COSTS.md has the one-liner): what Firestore and Cloud Functions would bill for a fleet
 * shape, measured at the real boundaries, so it measures whatever data layout the branch has.
 * - Writes: the functions' own count of the documents they wrote and deleted, from their log
 *   lines (functions/src/shared/document-writes.ts) streamed by the logging emulator; TTL deletes
 *   from the documents with an `expiresAt` that the steady minute created.
 * - Reads: the documents the server sends to each page's listeners (overview, hosts table, a host
 *   page, alerts page), each in a browser context of its own signed in as a viewer, counted on the
 *   Listen channel through CDP, with the bytes.
 * Per shape: a tenant of its own, agents (one host each) or collectors (50 hosts a batch) posting
 * a sample a second of the well-known metrics every --flush s; measured over --steady s once the
 * pages have settled. The last stdout line is one JSON object, headed by the 200-host per-host
 * agent shape. `--pages` without the overview measures a tenant nobody watches (no mid-slot
 * summary). Flags: `npm run bench:cost -- --help`.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { OVERVIEW_VIEWER_HEARTBEAT_MS, paths } from '@pulseboard/contracts';
import { APP_URL, CHROMIUM_ARGS, CHROMIUM_PATH } from '../../testkit/browser';
import { adminDb } from '../../testkit/admin';
import { functionUrl } from '../../testkit/emulators';
import { createTenant, createUser, uniqueTenantId, type TestUser } from '../../testkit/tenant-fixture';
import { Cleanups } from '../cli/cleanups';
import { parseFlags, usageError } from '../cli/flags';
import { reportProgress } from '../cli/progress';
import { writeIngestKey } from '../../testkit/ingest-key';
import { benchBatch } from '../simulator/batch';
import { BASIC_METRICS } from '../simulator/fleet';
import { postBatch } from '../simulator/post';
import { PRICE_LISTS, batchesPerHostMonth, heartbeatWrites, usdPerHostMonth, usdPerViewerMonth, type BatchCounts, type PageWrites } from './cost-model';
import { followFunctionLog, type FunctionLog } from './function-log';
import { watchListenChannel, type ListenWatch } from './listen-channel';
import { warmIngestWorkers } from './warm-up';

interface Shape {
  name: string;
  hosts: number;
  /** 1: an agent per host; 50: collectors, each batching 50 hosts. */
  hostsPerBatch: number;
}

/** The shapes of issue 20; the first is the headline. */
const SHAPES: readonly Shape[] = [
  { name: 'agents-200', hosts: 200, hostsPerBatch: 1 },
  { name: 'agents-20', hosts: 20, hostsPerBatch: 1 },
  { name: 'collectors-200', hosts: 200, hostsPerBatch: 50 },
  { name: 'collectors-2000', hosts: 2_000, hostsPerBatch: 50 },
  { name: 'agents-2000', hosts: 2_000, hostsPerBatch: 1 },
];

const flags = parseFlags({
  command: 'bench:cost',
  summary:
    'Document writes per batch, reads per second per open page, function invocations and bytes to the browser per fleet shape, ' +
    'and what they cost a month per host and per viewer, against running emulators started with START_LOGGING_EMULATOR=true. ' +
    'Progress every 5 s on stderr; the last stdout line is one JSON object.',
  flags: {
    shapes: { type: 'string', default: 'agents-200,agents-20,collectors-200,collectors-2000', help: `comma-separated shapes to run, of ${SHAPES.map((s) => s.name).join(', ')}` },
    flush: { type: 'number', default: 10, min: 1, max: 600, help: 'seconds between two batches of an agent or collector' },
    settle: { type: 'number', default: 20, min: 0, max: 600, integer: true, help: 'seconds of load before the pages open, and again before measuring' },
    steady: { type: 'number', default: 60, min: 10, max: 3_600, integer: true, help: 'seconds measured' },
    'warm-workers': { type: 'number', default: 4, min: 0, max: 100, integer: true, help: 'ingest workers warmed before each shape' },
    pages: {
      type: 'string',
      default: 'overview,hostsTable,hostPage,alertsPage',
      help: 'comma-separated pages a viewer keeps open; without overview nobody watches it, and the tenant pays no mid-slot summary',
    },
  },
});
const shapes = flags.shapes.split(',').map((name) => SHAPES.find((shape) => shape.name === name.trim()) ?? usageError('bench:cost', `unknown shape "${name}"; see --help`));
const flushMs = flags.flush * 1000;
const INGEST_URL = functionUrl('ingest');
/** How long a shape waits for its in-flight batches before the next one starts. */
const DRAIN_MS = 30_000;
/** An agent retries a failed post once: an overloaded stack's timeouts must not snowball into retries. */
const AGENT_RETRY = { maxAttempts: 2, baseDelayMs: 1_000, maxDelayMs: 4_000, maxRetryAfterMs: 10_000 };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** The pages a viewer keeps open, by the path they open at. */
const PAGES = { overview: '/overview', hostsTable: '/hosts', hostPage: '/hosts/:host', alertsPage: '/alerts' } as const;
type PageName = keyof typeof PAGES;
const isPageName = (name: string): name is PageName => Object.hasOwn(PAGES, name);
const openedPages = flags.pages.split(',').map((name) => name.trim()).map((name) => (isPageName(name) ? name : usageError('bench:cost', `unknown page "${name}"; see --help`)));
/** What a page writes itself (cost-model.ts): the overview's heartbeat. */
const PAGE_WRITES: Partial<Record<PageName, PageWrites>> = { overview: heartbeatWrites(OVERVIEW_VIEWER_HEARTBEAT_MS) };

/** The hosts of batch source `index` (an agent's one, or a collector's 50). */
function sourceHosts(shape: Shape, index: number): string[] {
  const name = `${shape.hostsPerBatch === 1 ? 'agent' : 'collector'}-${String(index).padStart(4, '0')}`;
  return shape.hostsPerBatch === 1 ? [name] : Array.from({ length: shape.hostsPerBatch }, (_, i) => `${name}-h${String(i).padStart(2, '0')}`);
}

interface Load {
  sent: number;
  answered: number;
  failed: number;
  stop(): Promise<void>;
}

/** Every source posts its hosts' last --flush seconds of samples every --flush seconds, spread over the interval, until stopped. */
function startLoad(shape: Shape, key: string): Load {
  const sources = Math.ceil(shape.hosts / shape.hostsPerBatch);
  const startedAt = Date.now();
  let running = true;
  const inFlight: Promise<void>[] = [];
  const load: Load = { sent: 0, answered: 0, failed: 0, stop: async () => undefined };
  const runSource = async (index: number) => {
    const hosts = sourceHosts(shape, index);
    for (let n = 0; running; n++) {
      await wait(Math.max(0, startedAt + (index / sources) * flushMs + n * flushMs - Date.now()));
      if (!running) break;
      load.sent += 1;
      const events = benchBatch({ hosts, events: hosts.length * Math.round(flags.flush) * BASIC_METRICS.length, now: Date.now(), sampleEveryMs: 1_000 });
      inFlight.push(
        postBatch({ url: INGEST_URL, key, batch: { batchId: `${shape.name}-${index}-${n}`, events }, policy: AGENT_RETRY, timeoutMs: 30_000 }).then(
          () => void (load.answered += 1),
          () => void (load.failed += 1),
        ),
      );
    }
  };
  const sourcesDone = Promise.all(Array.from({ length: sources }, (_, index) => runSource(index)));
  load.stop = async () => {
    running = false;
    await sourcesDone;
    // The backlog of an overloaded stack drains before the next shape, but no longer than DRAIN_MS.
    await Promise.race([Promise.all(inFlight), wait(DRAIN_MS)]);
  };
  return load;
}

/** Each page in a browser context of its own (its own SDK, cache and Listen channel), signed in as the viewer. */
async function openPages(browser: Browser, viewer: TestUser, host: string): Promise<Map<PageName, { page: Page; watch: ListenWatch }>> {
  const opened = new Map<PageName, { page: Page; watch: ListenWatch }>();
  for (const name of openedPages) {
    const path = PAGES[name];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // Before the app loads: a Listen channel opened before the watch would go uncounted.
    const watch = await watchListenChannel(page);
    await page.goto(APP_URL);
    await page.getByLabel('Email').fill(viewer.email);
    await page.getByLabel('Password').fill(viewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.includes('sign-in'));
    await page.goto(`${APP_URL}${path.replace(':host', host)}`);
    opened.set(name, { page, watch });
  }
  return opened;
}

/** Documents with an `expiresAt` in the tenant's collections created in [from, to]: each is one TTL delete later. */
async function ttlDocumentsCreated(tenantId: string, from: number, to: number): Promise<number> {
  const collections = await adminDb.doc(paths.tenant(tenantId)).listCollections();
  let created = 0;
  for (const collection of collections) {
    const snapshots = await collection.select('expiresAt').get();
    created += snapshots.docs.filter((doc) => doc.get('expiresAt') !== undefined && doc.createTime.toMillis() >= from && doc.createTime.toMillis() <= to).length;
  }
  return created;
}

interface PageFigures {
  readsPerSecond: number;
  readsPerBatch: number;
  readsByCollection: Record<string, number>;
  documentsSentPerSecond: number;
  kbPerMinute: number;
  usdPerViewerMonth: number;
}

async function measureShape(shape: Shape, browser: Browser, log: FunctionLog, cleanups: Cleanups) {
  const tenantId = uniqueTenantId(`cost-${shape.name}`);
  await createTenant(tenantId);
  const viewer = await createUser({ [tenantId]: 'viewer' });
  const key = await writeIngestKey(tenantId, 'bench:cost');
  await warmIngestWorkers(key, flags['warm-workers']);
  const load = startLoad(shape, key);
  cleanups.add(() => load.stop());
  const stopProgress = reportProgress(`bench:cost ${shape.name}`, 'batches', () => ({ sent: load.sent, accepted: load.answered }));
  await wait(flags.settle * 1000);
  const pages = await openPages(browser, viewer, sourceHosts(shape, 0)[0] ?? '');
  // Signing in lands on the overview, whose heartbeat says someone watches for 90 s: without the
  // overview among the pages, the measured minute is that of a tenant nobody watches.
  if (!pages.has('overview')) await adminDb.recursiveDelete(adminDb.collection(paths.overviewViewers(tenantId)));
  await wait(flags.settle * 1000);

  for (const { watch } of pages.values()) watch.take();
  const sentBefore = load.sent;
  const from = Date.now();
  await wait(flags.steady * 1000);
  const to = Date.now();
  const seconds = (to - from) / 1000;
  const sentDuring = load.sent - sentBefore;
  const received = new Map([...pages].map(([name, { watch }]) => [name, watch.take()]));
  await Promise.all([...pages.values()].map(({ page }) => page.context().close()));
  const stopped = load.stop();

  const lines = log.entries.filter((entry) => entry.tenantId === tenantId && entry.at >= from && entry.at <= to);
  const batches = lines.filter((entry) => entry.message === 'batch ingested' && !entry.duplicate).length;
  const perBatch = (total: number) => (batches === 0 ? 0 : total / batches);
  const counts: BatchCounts = {
    writesPerBatch: perBatch(lines.reduce((sum, entry) => sum + entry.documentWrites, 0)),
    deletesPerBatch: perBatch(lines.reduce((sum, entry) => sum + entry.documentDeletes, 0)),
    ttlDeletesPerBatch: perBatch(await ttlDocumentsCreated(tenantId, from, to)),
    invocationsPerBatch: perBatch(lines.length),
    readsPerBatch: perBatch(lines.reduce((sum, entry) => sum + entry.documentReads, 0)),
  };
  const hostMonths = batchesPerHostMonth(flags.flush, shape.hostsPerBatch);
  const pageFigures = Object.fromEntries(
    [...received].map(([name, counted]): [PageName, PageFigures] => {
      const documents = [...counted.reads.values()].reduce((sum, count) => sum + count, 0);
      return [
        name,
        {
          readsPerSecond: round(documents / seconds),
          // Per batch applied meanwhile: what the page costs at another batch rate, for a layout whose reads follow batches.
          readsPerBatch: round(documents / Math.max(1, batches)),
          readsByCollection: Object.fromEntries([...counted.reads].map(([collection, count]) => [collection, round(count / seconds)])),
          documentsSentPerSecond: round(counted.sent / seconds),
          kbPerMinute: round(counted.bytes / 1024 / (seconds / 60), 1),
          usdPerViewerMonth: round(usdPerViewerMonth(documents / seconds, PRICE_LISTS.multiRegion, PAGE_WRITES[name])),
        },
      ];
    }),
  ) as Partial<Record<PageName, PageFigures>>;
  const result = {
    shape: shape.name,
    hosts: shape.hosts,
    hostsPerBatch: shape.hostsPerBatch,
    flushSeconds: flags.flush,
    steadySeconds: round(seconds, 1),
    offeredBatchesPerSecond: round(shape.hosts / shape.hostsPerBatch / flags.flush),
    sentBatchesPerSecond: round(sentDuring / seconds),
    appliedBatchesPerSecond: round(batches / seconds),
    failedBatches: load.failed,
    writesPerBatch: round(counts.writesPerBatch),
    deletesPerBatch: round(counts.deletesPerBatch),
    ttlDeletesPerBatch: round(counts.ttlDeletesPerBatch),
    invocationsPerMinute: round((lines.length / seconds) * 60, 1),
    invocationsPerBatch: round(counts.invocationsPerBatch),
    // The fold's reads, per tenant whether or not a page is open; in usdPerHostMonth through readsPerBatch.
    foldReadsPerSecond: round(lines.filter((entry) => entry.message === 'live overview folded').reduce((sum, entry) => sum + entry.documentReads, 0) / seconds),
    // Ingest's own reads (its key, quota and transaction reads, `batch ingested` lines), part of functionReadsPerBatch.
    ingestReadsPerBatch: round(perBatch(lines.filter((entry) => entry.message === 'batch ingested').reduce((sum, entry) => sum + entry.documentReads, 0))),
    functionReadsPerBatch: round(counts.readsPerBatch),
    usdPerHostMonth: round(usdPerHostMonth(counts, hostMonths, PRICE_LISTS.multiRegion), 3),
    usdPerHostMonthRegional: round(usdPerHostMonth(counts, hostMonths, PRICE_LISTS.regional), 3),
    pages: pageFigures,
  };
  await stopped;
  stopProgress();
  return result;
}

const cleanups = new Cleanups('bench:cost');
try {
  const log = await followFunctionLog();
  cleanups.add(() => log.close());
  process.env['PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD'] = '1';
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  cleanups.add(() => browser.close());
  const results = [];
  for (const shape of shapes) {
    process.stdout.write(`bench:cost ${shape.name}: ${shape.hosts} hosts, ${shape.hostsPerBatch} a batch, every ${flags.flush} s -> ${INGEST_URL}\n`);
    const result = await measureShape(shape, browser, log, cleanups);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    results.push(result);
  }
  const headline = results.find((result) => result.shape === 'agents-200') ?? results[0];
  process.stdout.write(
    `${JSON.stringify({
      headlineShape: headline?.shape,
      // Below the offered rate the stack did not keep up: per-second figures are then at the applied rate (docs/COSTS.md).
      offeredBatchesPerSecond: headline?.offeredBatchesPerSecond,
      appliedBatchesPerSecond: headline?.appliedBatchesPerSecond,
      writesPerBatch: headline?.writesPerBatch,
      usdPerHostMonth: headline?.usdPerHostMonth,
      overviewReadsPerSecond: headline?.pages.overview?.readsPerSecond,
      usdPerViewerMonth: headline?.pages.overview?.usdPerViewerMonth,
      hostsTableReadsPerSecond: headline?.pages.hostsTable?.readsPerSecond,
      shapes: results,
    })}\n`,
  );
} finally {
  await cleanups.run();
}
process.exit(0);
