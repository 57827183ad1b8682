/**
 * `npm run bench:soak` against a running stack (`npm start`): the realistic fleet for a long time,
 * with the failures a real one has, and the check that nothing was lost, counted twice or left
 * unsettled, and that nothing drifts.
 * - Per-host agents (one batch every --flush s, a sample a second of three metrics) that retry with
 *   jittered backoff, keeping the batchId, and a share of whose requests are aborted by the client
 *   part way through (so some were applied and their answer lost, some never arrived).
 * - Every --burst-every s a burst: collectors posting large batches of many hosts at once.
 * - An operator's browser on a host page changing a threshold every --command-every s, whose
 *   network goes away for --offline-for s every --offline-every s while it keeps issuing commands.
 * At the end it compares, host by host, the events each agent was told were stored with what the
 * 1 min windows counted (an independent count: the server's aggregates against the agents'
 * ledger), counts commands not settled, and reports the ingest p50/p99 per --slice s and the
 * memory of the Functions emulator's workers, the Firestore emulator and the page over time.
 * The last line printed is one JSON object. Flags: `npm run bench:soak -- --help`.
 */
import { execFileSync } from 'node:child_process';
import { setTimeout as wait } from 'node:timers/promises';
import { commandDoc, paths, type TelemetryEvent } from '@pulseboard/contracts';
import type { Page } from 'playwright-core';
import { APP_URL, openBrowser, signIn } from '../../testkit/browser';
import { adminDb } from '../../testkit/admin';
import { acceptedIfApplied } from '../../testkit/applied-batch';
import { functionUrl } from '../../testkit/emulators';
import { storedWindows } from '../../testkit/host-windows';
import { createTenant, createUser, uniqueTenantId } from '../../testkit/tenant-fixture';
import { Cleanups } from '../cli/cleanups';
import { parseFlags } from '../cli/flags';
import { reportProgress } from '../cli/progress';
import { writeIngestKey } from '../../testkit/ingest-key';
import { benchBatch } from '../simulator/batch';
import { BASIC_METRICS } from '../simulator/fleet';
import { postBatch, type RetryPolicy } from '../simulator/post';
import { heapUsedMb } from './browser-heap';
import { warmIngestWorkers, warmWorkersFlag } from './warm-up';
import { driftRatio, latencySlices, reconcile, type TimedLatency } from './soak-report';
import { eventsCounted, percentile } from './stats';

const flags = parseFlags({
  command: 'bench:soak',
  summary:
    'A long run of the realistic fleet against a running `npm start`, with retries, aborted requests, bursts and an operator ' +
    'whose browser goes offline while issuing commands; reports lost, doubled and unsettled (all must be 0) and latency and ' +
    'memory drift. Progress every 5 s on stderr; the last stdout line is one JSON object.',
  flags: {
    duration: { type: 'number', default: 1_800, min: 30, max: 86_400, integer: true, help: 'seconds of load' },
    agents: { type: 'number', default: 200, min: 1, max: 2_000, integer: true, help: 'per-host agents' },
    flush: { type: 'number', default: 10, min: 1, max: 600, help: 'seconds between two batches of an agent' },
    'abort-share': { type: 'number', default: 0.02, min: 0, max: 0.5, help: 'share of requests the client aborts part way' },
    'burst-every': { type: 'number', default: 60, min: 5, max: 3_600, help: 'seconds between two bursts' },
    'burst-collectors': { type: 'number', default: 10, min: 0, max: 200, integer: true, help: 'collectors posting at once in a burst' },
    'burst-hosts': { type: 'number', default: 50, min: 1, max: 100, integer: true, help: 'hosts in a collector batch' },
    'command-every': { type: 'number', default: 15, min: 1, max: 3_600, help: 'seconds between two threshold changes in the browser' },
    'offline-every': { type: 'number', default: 180, min: 10, max: 3_600, help: 'seconds between two network cuts of the browser' },
    'offline-for': { type: 'number', default: 20, min: 1, max: 240, help: 'seconds each network cut lasts (under the 5 min offline limit)' },
    slice: { type: 'number', default: 300, min: 10, max: 3_600, integer: true, help: 'seconds per latency slice in the report' },
    'warm-workers': warmWorkersFlag(8),
    'sample-every': { type: 'number', default: 60, min: 5, max: 3_600, integer: true, help: 'seconds between two memory samples' },
  },
});
const durationMs = flags.duration * 1000;
const flushMs = flags.flush * 1000;
/** A sample a second of each metric, as a host agent with a 1 s interval sends (Telegraf, collectd). */
const EVENTS_PER_HOST_BATCH = Math.round(flags.flush) * BASIC_METRICS.length;
/** A collector's batch: one sample of each metric of each of its hosts. */
const BURST_EVENTS_PER_HOST = BASIC_METRICS.length;
/** An injected abort fires within this long of the request leaving: before, during or after the function's transaction. */
const ABORT_WITHIN_MS = 400;
/** Agents keep trying longer than the simulator does: a soak agent gives up only when the stack is down. */
const SOAK_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };
const REQUEST_TIMEOUT_MS = 30_000;
/** How long commands and in-flight batches get to settle after the load stops. */
const SETTLE_GRACE_MS = 60_000;
const INGEST_URL = functionUrl('ingest');

const round = (value: number) => Math.round(value * 10) / 10;
/** When the load starts, after the set-up; the schedules of agents, bursts and network cuts count from it. */
let runStart = Date.now();
const running = () => Date.now() - runStart < durationMs;

interface Ledger {
  /** Per host, the events agents were told were stored. */
  stored: Map<string, number>;
  sent: number;
  accepted: number;
  batches: number;
  abortsInjected: number;
  /** Batches whose agent gave up and found no idempotency marker: refused, not lost (the agent knows). */
  givenUp: number;
  /** Batches accepted in part: their events cannot be reconciled per host. */
  partial: number;
  latencies: TimedLatency[];
}
const ledger: Ledger = { stored: new Map(), sent: 0, accepted: 0, batches: 0, abortsInjected: 0, givenUp: 0, partial: 0, latencies: [] };

/** fetch, except that a share of requests is aborted by the client at a random moment within ABORT_WITHIN_MS. */
const abortingFetch: typeof fetch = (input, init) => {
  if (Math.random() >= flags['abort-share']) return fetch(input, init);
  ledger.abortsInjected += 1;
  const abort = AbortSignal.timeout(Math.floor(Math.random() * ABORT_WITHIN_MS));
  return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, abort]) : abort });
};

function record(events: readonly TelemetryEvent[], accepted: number): void {
  ledger.accepted += accepted;
  // Every soak event is valid and fresh, so a batch is accepted whole; one that is not cannot be
  // split per host, so it is counted apart (and must stay 0).
  if (accepted !== events.length) {
    ledger.partial += 1;
    return;
  }
  for (const event of events) ledger.stored.set(event.host, (ledger.stored.get(event.host) ?? 0) + 1);
}

/** Posts until answered; if the agent gives up, its hosts' documents say whether the batch was stored anyway. */
async function send(tenantId: string, key: string, batchId: string, events: TelemetryEvent[]): Promise<void> {
  const sentAt = Date.now();
  ledger.sent += events.length;
  ledger.batches += 1;
  let accepted: number;
  try {
    const answer = await postBatch({ url: INGEST_URL, key, batch: { batchId, events }, policy: SOAK_RETRY, timeoutMs: REQUEST_TIMEOUT_MS, fetchFn: abortingFetch });
    ledger.latencies.push({ sentAt, ms: Date.now() - sentAt });
    accepted = answer.accepted;
  } catch (error) {
    const applied = await acceptedIfApplied(tenantId, batchId, events);
    if (applied === undefined) {
      ledger.givenUp += 1;
      process.stderr.write(`bench:soak: batch ${batchId} given up: ${error instanceof Error ? error.message : String(error)}\n`);
      return;
    }
    accepted = applied.accepted;
  }
  record(events, accepted);
}

/** `perHost` events of each host: a sample a second of every metric, the newest now (benchBatch, as bench:ingest's agents). */
function samples(hosts: readonly string[], perHost: number, now: number): TelemetryEvent[] {
  return benchBatch({ hosts, events: hosts.length * perHost, now, sampleEveryMs: 1_000 });
}

async function runAgent(tenantId: string, key: string, agent: number, inFlight: Promise<void>[]): Promise<void> {
  const host = `soak-${String(agent).padStart(4, '0')}`;
  await wait((agent / flags.agents) * flushMs);
  for (let n = 0; running(); n++) {
    const due = runStart + (agent / flags.agents) * flushMs + n * flushMs;
    await wait(Math.max(0, due - Date.now()));
    if (!running()) break;
    inFlight.push(send(tenantId, key, `${host}-${n}`, samples([host], EVENTS_PER_HOST_BATCH, Date.now())));
  }
}

async function runBursts(tenantId: string, key: string, inFlight: Promise<void>[]): Promise<void> {
  for (let burst = 0; running(); burst++) {
    await wait(flags['burst-every'] * 1000);
    if (!running()) break;
    for (let collector = 0; collector < flags['burst-collectors']; collector++) {
      const hosts = Array.from({ length: flags['burst-hosts'] }, (_, i) => `burst-${collector}-${i}`);
      inFlight.push(send(tenantId, key, `burst-${burst}-${collector}`, samples(hosts, BURST_EVENTS_PER_HOST, Date.now())));
    }
  }
}

interface OperatorRun {
  commandsIssued: number;
  networkCuts: number;
}

/** Opens the editor of the first threshold on the page, saves new levels and waits for them to show (optimistically). */
async function changeThreshold(page: Page, warning: number): Promise<void> {
  const editor = page.locator('pb-threshold-editor').first();
  await editor.getByTestId('threshold-edit').click();
  await editor.getByTestId('threshold-warning').fill(String(warning));
  await editor.getByTestId('threshold-critical').fill(String(warning + 30));
  await editor.getByTestId('threshold-save').click();
  await editor.getByTestId('threshold-value').filter({ hasText: `${warning} / ${warning + 30}` }).waitFor({ timeout: 10_000 });
}

async function runOperator(page: Page, setOffline: (offline: boolean) => Promise<void>, heap: number[]): Promise<OperatorRun> {
  const run: OperatorRun = { commandsIssued: 0, networkCuts: 0 };
  let offlineUntil = 0;
  let nextCut = runStart + flags['offline-every'] * 1000;
  let nextHeapSample = runStart;
  for (let n = 0; running(); n++) {
    const now = Date.now();
    if (offlineUntil > 0 && now >= offlineUntil) {
      await setOffline(false);
      offlineUntil = 0;
    } else if (offlineUntil === 0 && now >= nextCut) {
      await setOffline(true);
      run.networkCuts += 1;
      offlineUntil = now + flags['offline-for'] * 1000;
      nextCut += flags['offline-every'] * 1000;
    }
    // Each change differs from the one before, so its optimistic render is visible.
    await changeThreshold(page, 40 + (n % 20));
    run.commandsIssued += 1;
    if (Date.now() >= nextHeapSample) {
      heap.push(round(await heapUsedMb(page)));
      nextHeapSample += flags['sample-every'] * 1000;
    }
    await wait(flags['command-every'] * 1000);
  }
  if (offlineUntil > 0) await setOffline(false);
  return run;
}

/** Resident memory in MB of the processes whose command line matches, summed, and how many there are. */
function residentMb(commandLine: RegExp): { mb: number; processes: number } {
  const lines = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' }).split('\n');
  const matching = lines.filter((line) => commandLine.test(line));
  const kb = matching.reduce((sum, line) => sum + Number(line.trim().split(/\s+/, 1)[0]), 0);
  return { mb: round(kb / 1024), processes: matching.length };
}

/** The Functions emulator runs each worker as a Node process of its own; the Firestore emulator is a JVM. */
const FUNCTIONS_WORKER = /functionsEmulatorRuntime/;
const FIRESTORE_EMULATOR = /java.*firestore/i;

async function sampleServerMemory(functionsMb: number[], workers: number[], firestoreMb: number[]): Promise<void> {
  while (running()) {
    const functions = residentMb(FUNCTIONS_WORKER);
    functionsMb.push(functions.mb);
    workers.push(functions.processes);
    firestoreMb.push(residentMb(FIRESTORE_EMULATOR).mb);
    await wait(flags['sample-every'] * 1000);
  }
}

/** Per host, the events the 1 min windows of the tenant counted. */
async function countedPerHost(tenantId: string): Promise<Map<string, number>> {
  const windows = await storedWindows(tenantId, '1m');
  return new Map([...windows].map(([host, hostWindows]) => [host, hostWindows.reduce((total, window) => total + eventsCounted(window.metrics), 0)]));
}

/** Commands of the tenant still pending, polled until none is or the grace runs out; and how many exist. */
async function unsettledCommands(tenantId: string): Promise<{ total: number; unsettled: number; rejected: number; expired: number }> {
  const deadline = Date.now() + SETTLE_GRACE_MS;
  for (;;) {
    const commands = (await adminDb.collection(paths.commands(tenantId)).get()).docs.map((snapshot) => commandDoc.parse(snapshot.data()));
    const unsettled = commands.filter((command) => command.status === 'pending').length;
    if (unsettled === 0 || Date.now() > deadline) {
      return {
        total: commands.length,
        unsettled,
        rejected: commands.filter((command) => command.status === 'rejected').length,
        expired: commands.filter((command) => command.status === 'expired').length,
      };
    }
    await wait(2_000);
  }
}

const cleanups = new Cleanups('bench:soak');
try {
  const tenantId = uniqueTenantId('soak');
  await createTenant(tenantId);
  const operator = await createUser({ [tenantId]: 'operator' });
  const key = await writeIngestKey(tenantId, operator.uid);
  process.stdout.write(
    `bench:soak: ${flags.agents} agents every ${flags.flush} s (${EVENTS_PER_HOST_BATCH} events/batch), ` +
      `${flags['burst-collectors']} x ${flags['burst-hosts']}-host bursts every ${flags['burst-every']} s, ` +
      `${flags['abort-share'] * 100}% requests aborted, browser offline ${flags['offline-for']} s every ${flags['offline-every']} s, ` +
      `${flags.duration} s -> ${INGEST_URL}\n`,
  );
  await warmIngestWorkers(key, flags['warm-workers']);
  // The first agent's first batch creates the host whose page the operator opens.
  await send(tenantId, key, 'first', samples(['soak-0000'], BASIC_METRICS.length, Date.now()));
  const browser = await openBrowser();
  cleanups.add(() => browser.close());
  await signIn(browser.page, operator.email, operator.password);
  await browser.page.waitForURL((url) => !url.pathname.includes('sign-in'));
  await browser.page.goto(`${APP_URL}/hosts/soak-0000`);
  await browser.page.locator('pb-threshold-editor [data-testid="threshold-edit"]').first().waitFor();

  const inFlight: Promise<void>[] = [];
  const functionsMb: number[] = [];
  const workers: number[] = [];
  const firestoreMb: number[] = [];
  const browserHeapMb: number[] = [];
  const stopProgress = reportProgress('bench:soak', 'events', () => ({ sent: ledger.sent, accepted: ledger.accepted }));
  cleanups.add(stopProgress);
  runStart = Date.now();
  const [operatorRun] = await Promise.all([
    runOperator(browser.page, (offline) => browser.context.setOffline(offline), browserHeapMb),
    sampleServerMemory(functionsMb, workers, firestoreMb),
    runBursts(tenantId, key, inFlight),
    ...Array.from({ length: flags.agents }, (_, agent) => runAgent(tenantId, key, agent, inFlight)),
  ]);
  await Promise.all(inFlight);
  stopProgress();
  const commands = await unsettledCommands(tenantId);
  const { lost, doubled, hostsOff } = reconcile(ledger.stored, await countedPerHost(tenantId));
  const slices = latencySlices(ledger.latencies, runStart, flags.slice * 1000);
  const allMs = ledger.latencies.map((latency) => latency.ms);
  const result = {
    durationS: flags.duration,
    agents: flags.agents,
    batches: ledger.batches,
    sent: ledger.sent,
    accepted: ledger.accepted,
    abortsInjected: ledger.abortsInjected,
    givenUp: ledger.givenUp,
    partialBatches: ledger.partial,
    lost,
    doubled,
    hostsOff,
    commandsIssued: operatorRun.commandsIssued,
    commandsStored: commands.total,
    commandsUnsettled: commands.unsettled,
    commandsRejected: commands.rejected,
    commandsExpired: commands.expired,
    networkCuts: operatorRun.networkCuts,
    p50Ms: Math.round(percentile(allMs, 50)),
    p99Ms: Math.round(percentile(allMs, 99)),
    slices,
    p99DriftRatio: driftRatio(slices.map((slice) => slice.p99Ms)),
    functionsWorkersRssMb: functionsMb,
    functionsWorkers: workers,
    functionsRssDriftRatio: driftRatio(functionsMb),
    firestoreRssMb: firestoreMb,
    firestoreRssDriftRatio: driftRatio(firestoreMb),
    browserHeapMb,
    browserHeapDriftRatio: driftRatio(browserHeapMb),
  };
  process.stdout.write(
    `events: sent ${result.sent}, accepted ${result.accepted}, lost ${lost}, doubled ${doubled}, given up ${ledger.givenUp} batches (${ledger.abortsInjected} requests aborted)\n` +
      `commands: issued ${result.commandsIssued}, stored ${commands.total}, unsettled ${commands.unsettled} (${operatorRun.networkCuts} network cuts)\n` +
      `ingest p99 per ${flags.slice} s: ${slices.map((slice) => slice.p99Ms).join(', ')} ms (drift ${result.p99DriftRatio})\n` +
      `memory drift: functions workers ${result.functionsRssDriftRatio}, firestore ${result.firestoreRssDriftRatio}, page heap ${result.browserHeapDriftRatio}\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await cleanups.run();
}
process.exit(0);
