/**
 * `npm run bench:commands` against a running stack (`npm start`): signs a fresh tenant's operator
 * in to the Hosting-served app in Chromium, opens a host page and changes its CPU threshold
 * through the inline editor, one command after another. Measured in the page, from the click on
 * Save: the new value in the DOM (the optimistic render) and the pending mark leaving it (the
 * function's `applied` seen by the client's listener, then rendered). It also reads, with the
 * Admin SDK, how much of each round trip the server spent between the command's `requestedAt` and
 * `resolvedAt`. The first commands warm the trigger and the page and are not counted. The last
 * line printed is one JSON object. Flags: `npm run bench:commands -- --help`.
 */
import { commandDoc, paths } from '@pulseboard/contracts';
import { APP_URL, openBrowser, signIn } from '../../testkit/browser';
import { ingest } from '../../testkit/ingest';
import { adminDb } from '../../testkit/admin';
import { createTenant, createUser, uniqueTenantId } from '../../testkit/tenant-fixture';
import { parseFlags } from '../cli/flags';
import { reportProgress } from '../cli/progress';
import { writeIngestKey } from '../../testkit/ingest-key';
import { percentile } from './stats';

const { commands, warmup } = parseFlags({
  command: 'bench:commands',
  summary:
    'Optimistic render and round trip of threshold commands in Chromium against a running `npm start`. ' +
    'Progress every 5 s on stderr; the last stdout line is one JSON object.',
  flags: {
    commands: { type: 'number', default: 200, min: 1, max: 10_000, integer: true, help: 'commands measured' },
    warmup: { type: 'number', default: 10, min: 0, max: 1_000, integer: true, help: 'commands sent first and not counted' },
  },
});
const HOST = 'bench-01';
const EDITOR = 'pb-threshold-editor';
const STEP_WAIT_MS = 5_000;

interface CommandTiming {
  optimisticMs: number;
  /** Until the server acknowledged the write (the pending mark turns from queued to sent). */
  writeAckMs: number | null;
  roundTripMs: number | null;
  rejection: string | null;
}

/**
 * One edit, run in the page (plain JavaScript text): opens the first threshold editor, types new
 * levels, clicks Save, and times the DOM's answers with MutationObservers.
 */
const EDIT_ONCE = (warning: number, critical: number) => `(async () => {
  const editor = document.querySelector(${JSON.stringify(EDITOR)});
  const appears = (test) => new Promise((resolve) => {
    if (test()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(editor, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => { observer.disconnect(); resolve(null); }, ${STEP_WAIT_MS});
  });
  const find = (id) => editor.querySelector('[data-testid="' + id + '"]');
  find('threshold-edit').click();
  await appears(() => find('threshold-warning'));
  for (const [id, value] of [['threshold-warning', ${warning}], ['threshold-critical', ${critical}]]) {
    const input = find(id);
    input.value = String(value);
    input.dispatchEvent(new Event('input'));
  }
  await appears(() => find('threshold-save') && !find('threshold-save').disabled);
  const expected = '${warning} / ${critical}';
  const clickedAt = performance.now();
  find('threshold-save').click();
  const shownAt = await appears(() => find('threshold-value')?.textContent.includes(expected));
  const sentAt = await appears(() => find('threshold-pending')?.getAttribute('data-sync') !== 'queued');
  const settledAt = await appears(() => !find('threshold-pending'));
  return {
    optimisticMs: shownAt === null ? ${STEP_WAIT_MS} : shownAt - clickedAt,
    writeAckMs: sentAt === null ? null : sentAt - clickedAt,
    roundTripMs: settledAt === null ? null : settledAt - clickedAt,
    rejection: find('threshold-rejection')?.textContent.trim() ?? null,
  };
})()`;

const round = (value: number) => Math.round(value * 10) / 10;

const tenantId = uniqueTenantId('bench');
await createTenant(tenantId);
const operator = await createUser({ [tenantId]: 'operator' });
const key = await writeIngestKey(tenantId, operator.uid);
// The function only applies thresholds of a host that exists.
await ingest(key, [{ type: 'metric', host: HOST, metric: 'cpu', value: 10, ts: Date.now() }]);
const browser = await openBrowser();
try {
  await signIn(browser.page, operator.email, operator.password);
  await browser.page.waitForURL((url) => !url.pathname.includes('sign-in'));
  await browser.page.goto(`${APP_URL}/hosts/${HOST}`);
  await browser.page.locator(`${EDITOR} [data-testid="threshold-edit"]`).first().waitFor();

  const timings: CommandTiming[] = [];
  let sent = 0;
  let settledInPage = 0;
  const stopProgress = reportProgress('bench:commands', 'commands', () => ({ sent, accepted: settledInPage }));
  for (let index = 0; index < warmup + commands; index++) {
    // Each command changes the value, so its optimistic render is a visible change.
    const warning = 10 + (index % 50);
    sent += 1;
    const timing = (await browser.page.evaluate(EDIT_ONCE(warning, warning + 30))) as CommandTiming;
    if (timing.roundTripMs !== null) settledInPage += 1;
    if (index >= warmup) timings.push(timing);
  }
  stopProgress();
  const settled = await adminDb.collection(paths.commands(tenantId)).orderBy('requestedAt').get();
  const serverMs = settled.docs
    .slice(warmup)
    .map((snapshot) => commandDoc.parse(snapshot.data()))
    .flatMap(({ requestedAt, resolvedAt }) => (requestedAt === null || resolvedAt === null ? [] : [resolvedAt - requestedAt]));

  const optimistic = timings.map((timing) => timing.optimisticMs);
  const roundTrips = timings.flatMap((timing) => (timing.roundTripMs === null ? [] : [timing.roundTripMs]));
  const writeAcks = timings.flatMap((timing) => (timing.writeAckMs === null ? [] : [timing.writeAckMs]));
  const rejected = timings.filter((timing) => timing.rejection !== null).length;
  const result = {
    commands,
    unsettled: commands - roundTrips.length,
    rejected,
    optimisticRenderP50Ms: round(percentile(optimistic, 50)),
    optimisticRenderP99Ms: round(percentile(optimistic, 99)),
    roundTripP50Ms: round(percentile(roundTrips, 50)),
    roundTripP99Ms: round(percentile(roundTrips, 99)),
    roundTripMaxMs: round(percentile(roundTrips, 100)),
    writeAckP50Ms: round(percentile(writeAcks, 50)),
    writeAckP99Ms: round(percentile(writeAcks, 99)),
    serverSettleP50Ms: round(percentile(serverMs, 50)),
    serverSettleP99Ms: round(percentile(serverMs, 99)),
  };
  process.stdout.write(
    `after ${warmup} warm-up commands, optimistic render over ${commands} commands: p50 ${result.optimisticRenderP50Ms} ms, p99 ${result.optimisticRenderP99Ms} ms\n` +
      `round trip to applied over ${roundTrips.length}/${commands}: p50 ${result.roundTripP50Ms} ms, p99 ${result.roundTripP99Ms} ms, max ${result.roundTripMaxMs} ms; ${rejected} rejected\n` +
      `write acknowledged by the server: p50 ${result.writeAckP50Ms} ms, p99 ${result.writeAckP99Ms} ms\n` +
      `server, requestedAt -> resolvedAt: p50 ${result.serverSettleP50Ms} ms, p99 ${result.serverSettleP99Ms} ms\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await browser.close();
}
process.exit(0);
