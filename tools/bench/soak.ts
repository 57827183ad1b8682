/**
 * `npm run bench:soak` against a running stack (`npm start`): the realistic fleet for a long time,
 * with the failures a real one has, and the check that nothing was lost, counted twice or left
 * unsettled, and that nothing drifts.
 * - Per-host agents (one batch every --flush s, a sample a second of three metrics) that behave as
 *   good agents do under overload (soak-agent-policy.ts): they hold their batches, keeping each
 *   batchId, send one at a time behind a circuit and a retry budget, and a share of their requests is
 *   aborted by the client part way through (so some were applied and their answer lost, some never arrived).
 * - Every --burst-every s a burst: collectors (agents as above) posting large batches of many hosts at once.
 * - An operator's browser on a host page changing a threshold every --command-every s, whose
 *   network goes away for --offline-for s every --offline-every s while it keeps issuing commands
 *   (its connections end, as in a real cut: cuttable-network.ts).
 * At the end it compares, host by host, the events each agent was told were stored with what the
 * 1 min windows counted (an independent count: the server's aggregates against the agents'
 * ledger), counts commands not settled, and reports the ingest p50/p99 per --slice s and the
 * memory of the Functions emulator's workers, the Firestore emulator and the page over time.
 * Latency and memory drift are judged after --fill s of the same load (26 min by default), once
 * the host documents have grown to their steady size; the fill's slices are reported apart.
 * The last line printed is one JSON object. Flags: `npm run bench:soak -- --help`.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setTimeout as wait } from 'node:timers/promises';
import { commandDoc, HOST_WINDOWS, INGEST_LIMITS, ingestResponse, paths, storageSize, storedHostDoc, WINDOW_CLOSE_MS, type TelemetryEvent } from '@pulseboard/contracts';
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
import { parseRetryAfter, postBatch } from '../simulator/post';
import { heapUsedMb } from './browser-heap';
import { startCuttableNetwork } from './cuttable-network';
import { warmIngestWorkers, warmWorkersFlag } from './warm-up';
import { afterOutcome, earnRetry, gate, initialAgentState, trimBuffer, type AgentPolicy, type AgentState, type BufferPolicy, type Outcome } from './soak-agent-policy';
import { driftRatio, latencySlices, reconcile, type LatencySource, type TimedLatency } from './soak-report';
import { eventsCounted, percentile } from './stats';

/**
 * How long a host document grows from empty: a 1 m window stays in it until its 10-minute chunk has
 * been closed for WINDOW_CLOSE_MS (DATA-MODEL, "Host windows"), so a new host's document, and the cost
 * of every batch that reads and rewrites it, grows for this long and then only saw-tooths. A tenant
 * that has been running for longer is the realistic fleet; its latency is what must not drift.
 */
const FILL_SECONDS = ((HOST_WINDOWS['1m'].chunkMs ?? 0) + WINDOW_CLOSE_MS) / 1000;

const flags = parseFlags({
  command: 'bench:soak',
  summary:
    'A long run of the realistic fleet against a running `npm start -- --no-simulator`, with agents that back off as good ones do ' +
    '(a circuit and a retry budget), aborted requests, bursts and an operator whose browser goes offline while issuing commands; ' +
    'reports lost by Pulseboard, doubled and unsettled (all must be 0) apart from what the agents did not deliver, and latency and ' +
    'memory drift. Progress every 5 s on stderr; the last stdout line is one JSON object.',
  flags: {
    duration: { type: 'number', default: 1_800, min: 30, max: 86_400, integer: true, help: 'seconds of load measured (after --fill)' },
    fill: {
      type: 'number',
      default: FILL_SECONDS,
      min: 0,
      max: 86_400,
      integer: true,
      help: 'seconds of the same load before the measured period, while the host documents grow to their steady size (0: measure from an empty tenant)',
    },
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
    'latency-log': { type: 'string', default: '', help: 'a file to write every answered request to, one JSON line each (sentAt, ms, batchId, source), to set beside the functions\' log' },
  },
});
const durationMs = flags.duration * 1000;
const fillMs = flags.fill * 1000;
const flushMs = flags.flush * 1000;
/** A sample a second of each metric, as a host agent with a 1 s interval sends (Telegraf, collectd). */
const EVENTS_PER_HOST_BATCH = Math.round(flags.flush) * BASIC_METRICS.length;
/** A collector's batch: one sample of each metric of each of its hosts. */
const BURST_EVENTS_PER_HOST = BASIC_METRICS.length;
/** An injected abort fires within this long of the request leaving: before, during or after the function's transaction. */
const ABORT_WITHIN_MS = 400;
/**
 * How soak agents behave under overload, as good real agents do (soak-agent-policy.ts): three failures
 * in a row, a timeout, a 429/503 or an answer slower than slowMs open an agent's circuit; it offers
 * nothing for a jittered cool-down (2 s doubling to 60 s, or the Retry-After asked), then probes with its
 * oldest batch. Retries while closed cost a token; a new batch earns a fifth of one (at most 3 held).
 */
const AGENT_POLICY: AgentPolicy = {
  circuit: { tripAfter: 3, slowMs: 10_000, baseCoolDownMs: 2_000, maxCoolDownMs: 60_000, maxRetryAfterMs: 60_000 },
  budget: { ratio: 0.2, max: 3 },
};
const REQUEST_TIMEOUT_MS = 30_000;
/**
 * The batches an agent holds unacknowledged: none older than ingest still takes (the lateness limit,
 * less the batch's own span and a minute for its request), at most 100 (the age binds first at 10 s).
 */
const AGENT_BUFFER: BufferPolicy = { maxBatches: 100, maxAgeMs: INGEST_LIMITS.maxLatenessMs - flushMs - 60_000 };
/**
 * The tenant's stale-after period: twice its slowest reporter's interval (the collectors' once a
 * minute), as an operator sets it for a fleet whose healthy hosts must not read as silent. Below a
 * reporter's interval, every host of every collector goes stale before each of its reports: the
 * silent-host sweep opens a no-data alert for each and the next burst resolves it, a storm of 2 alert
 * transitions a collector host a minute (each one a notification trigger), which is a misconfigured
 * tenant, not the realistic fleet (docs/BENCHMARKS.md, "Soak").
 */
const STALE_AFTER_SECONDS = Math.ceil(2 * Math.max(flags.flush, flags['burst-every']));
/** How long agents get to deliver what they still hold after the load stops. */
const DRAIN_MS = 120_000;
/** How long commands get to settle after the load stops. */
const SETTLE_GRACE_MS = 60_000;
/** Undelivered batches whose idempotency markers are read at once. */
const MARKER_READS_AT_ONCE = 20;
/** Rounds of reading markers and windows until no batch lands between two reads of its marker. */
const RECONCILE_ROUNDS = 5;
const INGEST_URL = functionUrl('ingest');

const round = (value: number) => Math.round(value * 10) / 10;
/** When the load starts, after the set-up; the schedules of agents, bursts and network cuts count from it. */
let runStart = Date.now();
/** The end of the fill: latency slices and memory drift count from here. */
const measureStart = () => runStart + fillMs;
const loadEnd = () => measureStart() + durationMs;
const running = () => Date.now() < loadEnd();

/** A batch an agent made and holds until ingest acknowledges it; its batchId never changes. */
interface HeldBatch {
  batchId: string;
  events: TelemetryEvent[];
  createdAt: number;
  attempts: number;
}

interface Ledger {
  /** Per host, the events agents were told were stored (or whose batch's marker says so). */
  stored: Map<string, number>;
  sent: number;
  accepted: number;
  batches: number;
  requests: number;
  retries: number;
  timeouts: number;
  failures: number;
  circuitOpens: number;
  abortsInjected: number;
  /** Batches ingest refused with a 4xx: every soak batch is valid, so this must stay 0. */
  rejected: number;
  /** Batches accepted in part: their events cannot be reconciled per host. */
  partial: number;
  /** Batches an agent dropped (too old, buffer full) or still held when the drain ended: checked against their markers at the end. */
  undelivered: HeldBatch[];
  /** Answered requests: the stack's ingest latency. */
  latencies: TimedLatency[];
  /** Per stored batch, from its making to its acknowledgement: what the circuits' waits cost. */
  deliveryMs: number[];
}
const ledger: Ledger = {
  stored: new Map(),
  sent: 0,
  accepted: 0,
  batches: 0,
  requests: 0,
  retries: 0,
  timeouts: 0,
  failures: 0,
  circuitOpens: 0,
  abortsInjected: 0,
  rejected: 0,
  partial: 0,
  undelivered: [],
  latencies: [],
  deliveryMs: [],
};

/** Now, across the agents: batches held unacknowledged, and circuits not closed (printed with each memory sample). */
const fleetNow = { held: 0, circuitsNotClosed: 0 };

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

type Attempt = { kind: 'stored'; ms: number; accepted: number } | (Outcome & { kind: 'failed' }) | { kind: 'rejected'; reason: string };

/** 429 and 503 ask the client to come back later: the stack is overloaded, not broken. */
const OVERLOADED_STATUSES = new Set([429, 503]);

/** One request for a held batch, no retry (the agent's circuit decides that). */
async function attempt(key: string, batch: HeldBatch, source: LatencySource): Promise<Attempt> {
  const sentAt = Date.now();
  ledger.requests += 1;
  let response: Response;
  try {
    response = await abortingFetch(INGEST_URL, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batchId: batch.batchId, events: batch.events }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    const timedOut = Date.now() - sentAt >= REQUEST_TIMEOUT_MS;
    if (timedOut) ledger.timeouts += 1;
    else ledger.failures += 1;
    return { kind: 'failed', overloaded: timedOut };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const ms = Date.now() - sentAt;
    ledger.latencies.push({ sentAt, ms, batchId: batch.batchId, source });
    return { kind: 'stored', ms, accepted: ingestResponse.parse(body).accepted };
  }
  if (response.status >= 500 || response.status === 429) {
    ledger.failures += 1;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return { kind: 'failed', overloaded: OVERLOADED_STATUSES.has(response.status), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  return { kind: 'rejected', reason: `${response.status} ${JSON.stringify(body)}` };
}

/** `perHost` events of each host: a sample a second of every metric, the newest at `now` (benchBatch, as bench:ingest's agents). */
function samples(hosts: readonly string[], perHost: number, now: number): TelemetryEvent[] {
  return benchBatch({ hosts, events: hosts.length * perHost, now, sampleEveryMs: 1_000 });
}

/** An agent: per-host (one host every --flush s) or a burst collector (--burst-hosts hosts every --burst-every s). */
interface AgentSpec {
  name: string;
  /** What its requests count as in the report's latency split. */
  source: LatencySource;
  hosts: string[];
  eventsPerHost: number;
  everyMs: number;
  /** Its first batch, from the run's start. */
  firstAtMs: number;
}

/**
 * Makes a batch on every tick of its schedule while the load runs and delivers its buffer oldest
 * first, one request at a time, as its circuit and budget allow; after the load it keeps ticking
 * (earning retries, making nothing) until its buffer is delivered or DRAIN_MS is over.
 */
async function runAgent(key: string, spec: AgentSpec): Promise<void> {
  let buffer: HeldBatch[] = [];
  let state: AgentState = initialAgentState(AGENT_POLICY);
  let ticks = 0;
  const nextTick = () => runStart + spec.firstAtMs + ticks * spec.everyMs;
  const drainEnd = loadEnd() + DRAIN_MS;
  for (;;) {
    const now = Date.now();
    if (now >= nextTick()) {
      if (nextTick() < loadEnd()) {
        ledger.batches += 1;
        const events = samples(spec.hosts, spec.eventsPerHost, nextTick());
        ledger.sent += events.length;
        buffer.push({ batchId: `${spec.name}-${ticks}`, events, createdAt: nextTick(), attempts: 0 });
        const trimmed = trimBuffer(buffer, now, AGENT_BUFFER);
        fleetNow.held += 1 - trimmed.dropped.length;
        buffer = trimmed.kept;
        ledger.undelivered.push(...trimmed.dropped);
      }
      ticks += 1;
      state = earnRetry(state, AGENT_POLICY);
      continue;
    }
    if (buffer.length === 0 && nextTick() >= loadEnd()) return;
    if (now >= drainEnd) {
      fleetNow.held -= buffer.length;
      ledger.undelivered.push(...buffer);
      return;
    }
    const head = buffer[0];
    if (head === undefined) {
      await wait(Math.max(0, Math.min(nextTick(), drainEnd) - now));
      continue;
    }
    const gated = gate(state, now, head.attempts > 0);
    if (gated.verdict === 'wait') {
      await wait(Math.max(0, Math.min(gated.until ?? Number.POSITIVE_INFINITY, nextTick(), drainEnd) - now));
      continue;
    }
    state = gated.state;
    if (head.attempts > 0) ledger.retries += 1;
    head.attempts += 1;
    const result = await attempt(key, head, spec.source);
    if (result.kind === 'rejected') {
      buffer.shift();
      fleetNow.held -= 1;
      ledger.rejected += 1;
      process.stderr.write(`bench:soak: batch ${head.batchId} refused: ${result.reason}\n`);
      continue;
    }
    const wasClosed = state.circuit.kind === 'closed';
    state = afterOutcome(state, result, Date.now(), AGENT_POLICY.circuit, Math.random);
    const isClosed = state.circuit.kind === 'closed';
    if (wasClosed && !isClosed) ledger.circuitOpens += 1;
    fleetNow.circuitsNotClosed += Number(wasClosed) - Number(isClosed);
    if (result.kind === 'stored') {
      buffer.shift();
      fleetNow.held -= 1;
      ledger.deliveryMs.push(Date.now() - head.createdAt);
      record(head.events, result.accepted);
    }
  }
}

function agentSpecs(): AgentSpec[] {
  const perHost = Array.from({ length: flags.agents }, (_, agent): AgentSpec => ({
    name: `soak-${String(agent).padStart(4, '0')}`,
    source: 'agent',
    hosts: [`soak-${String(agent).padStart(4, '0')}`],
    eventsPerHost: EVENTS_PER_HOST_BATCH,
    everyMs: flushMs,
    firstAtMs: (agent / flags.agents) * flushMs,
  }));
  const collectors = Array.from({ length: flags['burst-collectors'] }, (_, collector): AgentSpec => ({
    name: `burst-${collector}`,
    source: 'collector',
    hosts: Array.from({ length: flags['burst-hosts'] }, (_, i) => `burst-${collector}-${i}`),
    eventsPerHost: BURST_EVENTS_PER_HOST,
    everyMs: flags['burst-every'] * 1000,
    firstAtMs: flags['burst-every'] * 1000,
  }));
  return [...perHost, ...collectors];
}

/** Of the batches agents did not see acknowledged, those ingest applied anyway (their answer was lost), recorded; the rest returned. */
async function recordApplied(tenantId: string, batches: readonly HeldBatch[]): Promise<HeldBatch[]> {
  const notApplied: HeldBatch[] = [];
  for (let from = 0; from < batches.length; from += MARKER_READS_AT_ONCE) {
    const chunk = batches.slice(from, from + MARKER_READS_AT_ONCE);
    const applied = await Promise.all(chunk.map((batch) => acceptedIfApplied(tenantId, batch.batchId, batch.events)));
    chunk.forEach((batch, i) => {
      const found = applied[i];
      if (found === undefined) notApplied.push(batch);
      else record(batch.events, found.accepted);
    });
  }
  return notApplied;
}

/**
 * The windows' count per host, read between two reads of the undelivered batches' markers that agree,
 * so no batch the Functions emulator was still running lands between the ledger and the count.
 */
async function settleLedger(tenantId: string): Promise<{ counted: Map<string, number>; notDelivered: HeldBatch[] }> {
  let pending = await recordApplied(tenantId, ledger.undelivered);
  for (let roundNumber = 1; ; roundNumber++) {
    const counted = await countedPerHost(tenantId);
    const stillPending = await recordApplied(tenantId, pending);
    if (stillPending.length === pending.length || roundNumber === RECONCILE_ROUNDS) return { counted, notDelivered: stillPending };
    pending = stillPending;
  }
}

/** A series sampled over the run, and when each sample was taken (epoch ms). */
interface TimedSamples {
  values: number[];
  at: number[];
}

/** The samples of a series taken in the measured period (after the fill). */
function measured(values: readonly number[], at: readonly number[]): number[] {
  return values.filter((_, i) => (at[i] ?? 0) >= measureStart());
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

async function runOperator(page: Page, setOffline: (offline: boolean) => Promise<void>, heap: TimedSamples): Promise<OperatorRun> {
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
      heap.values.push(round(await heapUsedMb(page)));
      heap.at.push(Date.now());
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
/** firebase-tools itself, which holds the Functions emulator's queue of waiting requests. */
const FIREBASE_TOOLS = /firebase-tools\/lib\/bin\/firebase\.js/;

interface MemorySeries {
  /** When each sample was taken, epoch ms. */
  at: number[];
  functionsMb: number[];
  workers: number[];
  firestoreMb: number[];
  firebaseToolsMb: number[];
}

async function sampleServerMemory(series: MemorySeries): Promise<void> {
  while (running()) {
    const functions = residentMb(FUNCTIONS_WORKER);
    series.at.push(Date.now());
    series.functionsMb.push(functions.mb);
    series.workers.push(functions.processes);
    series.firestoreMb.push(residentMb(FIRESTORE_EMULATOR).mb);
    series.firebaseToolsMb.push(residentMb(FIREBASE_TOOLS).mb);
    process.stderr.write(
      `bench:soak: ${fleetNow.held} batches held, ${fleetNow.circuitsNotClosed} circuits not closed; RSS MB: functions workers ${functions.mb} (${functions.processes}), ` +
        `firestore ${series.firestoreMb.at(-1)}, firebase-tools ${series.firebaseToolsMb.at(-1)}\n`,
    );
    await wait(flags['sample-every'] * 1000);
  }
}

/**
 * One host's windows per resolution, their stored size (one bytes value) and their size as JSON (what
 * earlier runs reported): whether its document has reached its steady size (none before its first report).
 */
async function hostWindowsNow(tenantId: string, host: string): Promise<{ host: string; windows: Record<string, number>; storedKb: number; jsonKb: number }> {
  const raw: unknown = (await adminDb.doc(paths.host(tenantId, host)).get()).get('windows');
  // A host that has not reported yet has no document: with --fill 0 the measured period starts
  // before the collectors' first burst.
  if (raw === undefined) return { host, windows: {}, storedKb: 0, jsonKb: 0 };
  const windows = storedHostDoc.shape.windows.parse(raw);
  return {
    host,
    windows: Object.fromEntries(Object.entries(windows).map(([resolution, list]) => [resolution, list.length])),
    storedKb: round(storageSize(raw) / 1000),
    jsonKb: round(JSON.stringify(windows).length / 1000),
  };
}

/** The windows of a per-host agent's host and of a collector's, when the measured period starts and when the load ends. */
async function documentsAtStartAndEnd(tenantId: string) {
  const hosts = ['soak-0000', ...(flags['burst-collectors'] > 0 ? ['burst-0-0'] : [])];
  const sample = () => Promise.all(hosts.map((host) => hostWindowsNow(tenantId, host)));
  await wait(Math.max(0, measureStart() - Date.now()));
  const atMeasureStart = await sample();
  await wait(Math.max(0, loadEnd() - Date.now()));
  return { atMeasureStart, atLoadEnd: await sample() };
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
  await createTenant(tenantId, { staleAfterSeconds: STALE_AFTER_SECONDS });
  const operator = await createUser({ [tenantId]: 'operator' });
  const key = await writeIngestKey(tenantId, operator.uid);
  process.stdout.write(
    `bench:soak: ${flags.agents} agents every ${flags.flush} s (${EVENTS_PER_HOST_BATCH} events/batch), ` +
      `${flags['burst-collectors']} x ${flags['burst-hosts']}-host bursts every ${flags['burst-every']} s, ` +
      `${flags['abort-share'] * 100}% requests aborted, browser offline ${flags['offline-for']} s every ${flags['offline-every']} s, ` +
      `hosts stale after ${STALE_AFTER_SECONDS} s, ` +
      `${flags.fill} s of fill, then ${flags.duration} s measured -> ${INGEST_URL}\n`,
  );
  await warmIngestWorkers(key, flags['warm-workers']);
  // The first agent's first batch creates the host whose page the operator opens.
  const first = samples(['soak-0000'], BASIC_METRICS.length, Date.now());
  record(first, (await postBatch({ url: INGEST_URL, key, batch: { batchId: 'first', events: first } })).accepted);
  const network = await startCuttableNetwork();
  cleanups.add(() => network.close());
  const browser = await openBrowser({ proxy: network.url });
  cleanups.add(() => browser.close());
  /** A network cut as a real one: the page goes offline and every connection it had ends. */
  const setOffline = async (offline: boolean): Promise<void> => {
    if (offline) network.cut();
    await browser.context.setOffline(offline);
    if (!offline) network.restore();
  };
  await signIn(browser.page, operator.email, operator.password);
  await browser.page.waitForURL((url) => !url.pathname.includes('sign-in'));
  await browser.page.goto(`${APP_URL}/hosts/soak-0000`);
  await browser.page.locator('pb-threshold-editor [data-testid="threshold-edit"]').first().waitFor();

  const memory: MemorySeries = { at: [], functionsMb: [], workers: [], firestoreMb: [], firebaseToolsMb: [] };
  const browserHeap: TimedSamples = { values: [], at: [] };
  const stopProgress = reportProgress('bench:soak', 'events', () => ({ sent: ledger.sent, accepted: ledger.accepted }));
  cleanups.add(stopProgress);
  runStart = Date.now();
  const [operatorRun, documents] = await Promise.all([
    runOperator(browser.page, setOffline, browserHeap),
    documentsAtStartAndEnd(tenantId),
    sampleServerMemory(memory),
    ...agentSpecs().map((spec) => runAgent(key, spec)),
  ]);
  stopProgress();
  const commands = await unsettledCommands(tenantId);
  const { counted, notDelivered } = await settleLedger(tenantId);
  const { lost, doubled, hostsOff } = reconcile(ledger.stored, counted);
  const sliceMs = flags.slice * 1000;
  const inFill = ledger.latencies.filter((latency) => latency.sentAt < measureStart());
  const inMeasure = ledger.latencies.filter((latency) => latency.sentAt >= measureStart());
  const fillSlices = latencySlices(inFill, runStart, sliceMs);
  const slices = latencySlices(inMeasure, measureStart(), sliceMs);
  // A collector's 50-host batch and an agent's one-host batch are different work: each is sliced on
  // its own too, so a drift in one is not hidden (or made) by how many of the other a slice holds.
  const slicesOf = (source: LatencySource) => latencySlices(inMeasure.filter((latency) => latency.source === source), measureStart(), sliceMs);
  const agentSlices = slicesOf('agent');
  const collectorSlices = slicesOf('collector');
  if (flags['latency-log'] !== '') writeFileSync(flags['latency-log'], ledger.latencies.map((latency) => `${JSON.stringify(latency)}\n`).join(''));
  const measuredMs = inMeasure.map((latency) => latency.ms);
  const functionsMb = measured(memory.functionsMb, memory.at);
  const firebaseToolsMb = measured(memory.firebaseToolsMb, memory.at);
  const firestoreMb = measured(memory.firestoreMb, memory.at);
  const browserHeapMb = measured(browserHeap.values, browserHeap.at);
  const result = {
    fillS: flags.fill,
    durationS: flags.duration,
    agents: flags.agents,
    batches: ledger.batches,
    sent: ledger.sent,
    accepted: ledger.accepted,
    requests: ledger.requests,
    retries: ledger.retries,
    timeouts: ledger.timeouts,
    failures: ledger.failures,
    circuitOpens: ledger.circuitOpens,
    abortsInjected: ledger.abortsInjected,
    rejectedBatches: ledger.rejected,
    partialBatches: ledger.partial,
    notDeliveredByAgentBatches: notDelivered.length,
    notDeliveredByAgentEvents: notDelivered.reduce((total, batch) => total + batch.events.length, 0),
    lostByPulseboard: lost,
    doubled,
    hostsOff,
    commandsIssued: operatorRun.commandsIssued,
    commandsStored: commands.total,
    commandsUnsettled: commands.unsettled,
    commandsRejected: commands.rejected,
    commandsExpired: commands.expired,
    networkCuts: operatorRun.networkCuts,
    documents,
    fillP99Ms: Math.round(percentile(inFill.map((latency) => latency.ms), 99)),
    fillSlices,
    p50Ms: Math.round(percentile(measuredMs, 50)),
    p99Ms: Math.round(percentile(measuredMs, 99)),
    deliveryP99Ms: Math.round(percentile(ledger.deliveryMs, 99)),
    deliveryMaxMs: ledger.deliveryMs.reduce((max, ms) => Math.max(max, ms), 0),
    slices,
    p99DriftRatio: driftRatio(slices.map((slice) => slice.p99Ms)),
    agentSlices,
    agentP99DriftRatio: driftRatio(agentSlices.map((slice) => slice.p99Ms)),
    collectorSlices,
    collectorP99DriftRatio: driftRatio(collectorSlices.map((slice) => slice.p99Ms)),
    // Memory over the whole run; its drift over the measured period.
    functionsWorkersRssMb: memory.functionsMb,
    functionsWorkers: memory.workers,
    functionsRssDriftRatio: driftRatio(functionsMb),
    firebaseToolsRssMb: memory.firebaseToolsMb,
    firebaseToolsRssDriftRatio: driftRatio(firebaseToolsMb),
    firestoreRssMb: memory.firestoreMb,
    firestoreRssDriftRatio: driftRatio(firestoreMb),
    browserHeapMb: browserHeap.values,
    browserHeapDriftRatio: driftRatio(browserHeapMb),
  };
  process.stdout.write(
    `events: sent ${result.sent}, accepted ${result.accepted}, lost by Pulseboard ${lost}, doubled ${doubled}; ` +
      `not delivered by the agents ${result.notDeliveredByAgentEvents} (${notDelivered.length} batches)\n` +
      `requests ${ledger.requests}: ${ledger.retries} retries, ${ledger.timeouts} timeouts, ${ledger.failures} failures, ` +
      `${ledger.abortsInjected} aborted by the client, ${ledger.circuitOpens} circuit opens\n` +
      `commands: issued ${result.commandsIssued}, stored ${commands.total}, unsettled ${commands.unsettled} (${operatorRun.networkCuts} network cuts)\n` +
      `fill (${flags.fill} s): ingest p99 per ${flags.slice} s ${fillSlices.map((slice) => slice.p99Ms).join(', ')} ms; ` +
      `host documents' windows at the fill's end ${JSON.stringify(documents.atMeasureStart)}, at the load's end ${JSON.stringify(documents.atLoadEnd)}\n` +
      `measured (${flags.duration} s): ingest p99 per ${flags.slice} s: ${slices.map((slice) => slice.p99Ms).join(', ')} ms (drift ${result.p99DriftRatio}); ` +
      `per-host agents ${agentSlices.map((slice) => slice.p99Ms).join(', ')} ms (drift ${result.agentP99DriftRatio}); ` +
      `collectors ${collectorSlices.map((slice) => slice.p99Ms).join(', ')} ms (drift ${result.collectorP99DriftRatio})\n` +
      `memory drift: functions workers ${result.functionsRssDriftRatio}, firebase-tools ${result.firebaseToolsRssDriftRatio}, firestore ${result.firestoreRssDriftRatio}, page heap ${result.browserHeapDriftRatio}\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await cleanups.run();
}
process.exit(0);
