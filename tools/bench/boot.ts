/**
 * `npm run bench:boot -- --builds web/dist[,other/dist] --rounds 20`: the app's boot on a first
 * visit, alone: each build's `browser/` folder is served from loopback (with the SPA fallback and a
 * stand-in `/__/firebase/init.json`, as Hosting serves them; without Hosting's headers), and each
 * round loads `/` in a fresh Chromium context per build, in turn, until the sign-in form shows,
 * then waits BOOT_QUIET_MS and keeps the page's long tasks and its first contentful paint
 * (PerformanceObservers from the first script). No emulator is needed: a signed-out boot asks no backend. It is the first visit's part of
 * bench:ui's cold overview open without the stack's noise, so builds can be compared in a minute.
 * The last stdout line is one JSON object.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../testkit/browser';
import { PROJECT_ID } from '../../testkit/emulators';
import { parseFlags } from '../cli/flags';
import { summariseBoots, type Boot, type BootSummary } from './boot-report';

const { builds, rounds } = parseFlags({
  command: 'bench:boot',
  summary: "A first visit's boot to the sign-in form, per build, in Chromium without the emulators: its long tasks and first contentful paint. The last stdout line is one JSON object.",
  flags: {
    builds: { type: 'string', default: 'web/dist', help: 'comma-separated build folders (each with browser/), compared round by round' },
    rounds: { type: 'number', default: 20, min: 1, max: 500, integer: true, help: 'boots per build' },
  },
});

/** After the sign-in form shows: the boot's work that follows the first render (Auth's restored session, the first idle tasks) is counted too. */
const BOOT_QUIET_MS = 1_500;
const FIRST_PORT = 4610;
const CONTENT_TYPES = new Map([
  ['.html', 'text/html'],
  ['.js', 'text/javascript'],
  ['.css', 'text/css'],
  ['.json', 'application/json'],
  ['.svg', 'image/svg+xml'],
  ['.webmanifest', 'application/manifest+json'],
]);
/** What Hosting serves a project's app at this URL; the emulator's project, no real key. */
const INIT_JSON = JSON.stringify({ projectId: PROJECT_ID, apiKey: 'bench-boot-api-key', authDomain: `${PROJECT_ID}.firebaseapp.com`, appId: '1:1:web:1' });

/** A build's files, index.html for any path that names none (the app's routes), as Hosting's rewrite does. */
function serve(root: string, port: number): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://loopback').pathname);
    if (path === '/__/firebase/init.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(INIT_JSON);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    const named = file.startsWith(root + sep) ? await readFile(file).catch(() => null) : null;
    const served = named === null ? 'index.html' : file;
    response.writeHead(200, { 'content-type': CONTENT_TYPES.get(extname(served)) ?? 'application/octet-stream' });
    response.end(named ?? (await readFile(join(root, 'index.html'))));
  });
  return new Promise((ready) => server.listen(port, '127.0.0.1', () => ready(server)));
}

const roots = builds.split(',').map((build) => resolve(build.trim(), 'browser'));
const servers = await Promise.all(roots.map((root, index) => serve(root, FIRST_PORT + index)));
process.env['PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD'] = '1';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const bootsOf: Boot[][] = roots.map(() => []);
try {
  for (let round = 0; round < rounds; round += 1) {
    for (const index of roots.keys()) {
      // A context of its own: no cache, code cache, storage or service worker from an earlier boot.
      const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen = { longTaskMs: [] as number[], firstContentfulPaintMs: null as number | null };
        Object.assign(window, { bootSeen: seen });
        new PerformanceObserver((list) => seen.longTaskMs.push(...list.getEntries().map((entry) => Math.round(entry.duration)))).observe({ type: 'longtask', buffered: true });
        new PerformanceObserver((list) => {
          const paint = list.getEntriesByName('first-contentful-paint')[0];
          if (paint !== undefined) seen.firstContentfulPaintMs = Math.round(paint.startTime);
        }).observe({ type: 'paint', buffered: true });
      });
      await page.goto(`http://127.0.0.1:${FIRST_PORT + index}/`);
      await page.getByLabel('Email').waitFor();
      await page.waitForTimeout(BOOT_QUIET_MS);
      bootsOf[index]?.push(await page.evaluate(() => (window as unknown as { bootSeen: Boot }).bootSeen));
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const server of servers) server.close();
}

const summaries: Record<string, BootSummary> = {};
for (const [index, root] of roots.entries()) {
  const boots = bootsOf[index] ?? [];
  const summary = summariseBoots(boots);
  summaries[root] = summary;
  process.stdout.write(
    `${root}: ${summary.boots} boots, long tasks median ${summary.longTasks} (longest ${summary.longestLongTaskMs} ms, sum ${summary.longTaskSumMs} ms), ` +
      `first contentful paint median ${summary.firstContentfulPaintMs ?? 'none'} ms; each boot's long tasks: ${JSON.stringify(boots.map((boot) => boot.longTaskMs))}\n`,
  );
}
process.stdout.write(`${JSON.stringify(summaries)}\n`);
