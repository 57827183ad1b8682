/**
 * `npm run bench:sdk-floor` against running emulators: what the Firebase Web SDK costs in Chromium
 * with no app around it, as the floor under bench:commands' round trip. In a project of its own
 * (its rules allow everything there and nothing is left in the app's project): the time from
 * setDoc to its acknowledgement with the memory or the persistent (multi- or single-tab) cache,
 * with and without a query listening to the written collection, and the time from a Node Admin
 * SDK write to the page's listener. Flags: `npm run bench:sdk-floor -- --help`. The last line
 * printed is one JSON object.
 */
import { createServer } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';
import { build } from 'esbuild';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { FIRESTORE_HOST } from '../../testkit/emulators';
import { openBrowser } from '../../testkit/browser';
import { parseFlags } from '../cli/flags';
import { reportProgress } from '../cli/progress';
import { percentile } from './stats';

const WARM_UP = 20;
const { writes } = parseFlags({
  command: 'bench:sdk-floor',
  summary:
    'The bare Firebase Web SDK in Chromium (no app) against running emulators: write acknowledgement per cache and listener shape, ' +
    'and a Node write reaching a page listener. A line per shape, progress every 5 s on stderr; the last stdout line is one JSON object.',
  flags: {
    writes: { type: 'number', default: 120, min: WARM_UP + 1, max: 10_000, integer: true, help: `writes per shape, the first ${WARM_UP} of them warm-up` },
  },
});
const PROJECT = 'demo-sdk-floor';
const PORT = 4599;
const OPEN_RULES = "rules_version = '2'; service cloud.firestore { match /databases/{db}/documents/{path=**} { allow read, write: if true; } }";
const VARIANTS = [
  { name: 'memory cache', cache: 'memory', listener: 'no' },
  { name: 'memory cache + listener', cache: 'memory', listener: 'yes' },
  { name: 'persistent cache', cache: 'persistent', listener: 'no' },
  { name: 'persistent cache + listener', cache: 'persistent', listener: 'yes' },
  { name: 'persistent single-tab cache', cache: 'persistent-single-tab', listener: 'no' },
  { name: 'persistent single-tab cache + listener', cache: 'persistent-single-tab', listener: 'yes' },
] as const;

const summary = (times: readonly number[]) => ({ p50Ms: Math.round(percentile(times, 50)), p99Ms: Math.round(percentile(times, 99)) });

const page = await build({ entryPoints: [new URL('./sdk-floor-page.ts', import.meta.url).pathname], bundle: true, write: false, format: 'esm' });
const script = page.outputFiles[0]?.text ?? '';
const server = createServer((request, response) => {
  const isScript = request.url === '/page.js';
  response.setHeader('content-type', isScript ? 'text/javascript' : 'text/html');
  response.end(isScript ? script : '<!doctype html><title>sdk floor</title><script type="module" src="/page.js"></script>');
}).listen(PORT, '127.0.0.1');

const rules = await fetch(`http://${FIRESTORE_HOST}/emulator/v1/projects/${PROJECT}:securityRules`, {
  method: 'PUT',
  body: JSON.stringify({ rules: { files: [{ content: OPEN_RULES }] } }),
});
if (!rules.ok) throw new Error(`Could not set the bench project's rules: ${rules.status} ${await rules.text()}`);

const admin = initializeApp({ projectId: PROJECT }, 'sdk-floor');
const browser = await openBrowser();
const results: Record<string, { p50Ms: number; p99Ms: number }> = {};
try {
  for (const [index, variant] of VARIANTS.entries()) {
    const tab = await browser.context.newPage();
    const search = new URLSearchParams({ project: PROJECT, firestore: FIRESTORE_HOST, cache: variant.cache, listener: variant.listener, collection: `floor-${Date.now()}-${index}` });
    await tab.goto(`http://127.0.0.1:${PORT}/?${search.toString()}`);
    await tab.waitForFunction(() => window.sdkFloor !== undefined);
    const times = await tab.evaluate((count) => window.sdkFloor?.acknowledge(count) ?? Promise.resolve([]), writes);
    const acknowledged = summary(times.slice(WARM_UP));
    results[variant.name] = acknowledged;
    process.stdout.write(`setDoc -> acknowledged, ${variant.name}: p50 ${acknowledged.p50Ms} ms, p99 ${acknowledged.p99Ms} ms\n`);
    await tab.close();
  }
  // One page listening with the memory cache; Node writes a stamped document every 100 ms.
  const listening = await browser.context.newPage();
  await listening.goto(`http://127.0.0.1:${PORT}/?${new URLSearchParams({ project: PROJECT, firestore: FIRESTORE_HOST, cache: 'memory' }).toString()}`);
  await listening.waitForFunction(() => window.sdkFloor !== undefined);
  const db = getFirestore(admin);
  let written = 0;
  const stopProgress = reportProgress('bench:sdk-floor', 'writes', () => ({ sent: written, accepted: written }));
  for (; written < writes; written++) {
    await db.doc('floor/watched').set({ sentAt: Date.now(), i: written });
    await wait(100);
  }
  stopProgress();
  await wait(1_000);
  const arrivals = await listening.evaluate(() => window.sdkFloor?.arrivals ?? []);
  const delivered = summary(arrivals.slice(WARM_UP));
  results['admin write -> listener'] = delivered;
  process.stdout.write(`Node Admin write -> page listener (${arrivals.length} of ${writes}): p50 ${delivered.p50Ms} ms, p99 ${delivered.p99Ms} ms\n`);
} finally {
  await browser.close();
  await deleteApp(admin);
  server.close();
}
process.stdout.write(`${JSON.stringify(results)}\n`);
