/**
 * `npm run bench:ingest` against running emulators (`npm start`, or inside `emulators:exec`): a
 * tenant and key of its own, H agents posting their own batch every F seconds at R events/s in
 * total for T seconds, then the events counted back from the 1 m windows. Also times the
 * in-process step (validate + roll up) alone on this core. With `--format otlp` the same batches
 * go to the otlp function as OTLP/JSON export requests (a gauge point per event, a resource per
 * host), so the two formats are compared on one shape. The last line printed is one JSON object.
 * Flags: `npm run bench:ingest -- --help`.
 */
import { setTimeout as wait } from 'node:timers/promises';
import * as z from 'zod';
import { INGEST_LIMITS, batchRate, paths, tenantDoc, type TelemetryEvent } from '@pulseboard/contracts';
import { adminDb } from '../../testkit/admin';
import { functionUrl } from '../../testkit/emulators';
import { acceptedIfApplied } from '../../testkit/applied-batch';
import { storedWindows } from '../../testkit/host-windows';
import { createTenant, uniqueTenantId } from '../../testkit/tenant-fixture';
import { rollUp } from '../../functions/src/ingest/rollup';
import { validateEvents } from '../../functions/src/ingest/validate-events';
import { contentBatchId } from '../../functions/src/ingest/content-batch-id';
import { parseFlags, usageError } from '../cli/flags';
import { reportProgress } from '../cli/progress';
import { writeIngestKey } from '../../testkit/ingest-key';
import { benchBatch, sampleSpacingMs } from '../simulator/batch';
import { postBatch, postJson } from '../simulator/post';
import { eventsCounted, percentile } from './stats';
import { warmWorkersFlag } from './warm-up';

const flags = parseFlags({
  command: 'bench:ingest',
  summary:
    'Ingest throughput, latency, writes per event and lost events against running emulators (`npm start`): ' +
    'agents post their own batch every --flush seconds at --rate events/s in total. Progress every 5 s on stderr; the last stdout line is one JSON object.',
  flags: {
    agents: { type: 'number', default: 200, min: 1, max: 5_000, integer: true, help: 'agents posting' },
    rate: { type: 'number', default: 10_000, min: 1, max: 1_000_000, help: 'events per second, all agents together' },
    duration: { type: 'number', default: 60, min: 1, max: 3_600, help: 'seconds of load' },
    flush: { type: 'number', default: 5, min: 0.1, max: 600, help: 'seconds between two batches of an agent' },
    format: { type: 'string', default: 'native', help: 'what the agents post: native (ingest JSON) or otlp (OTLP/JSON export requests to the otlp function)' },
    'warm-workers': warmWorkersFlag(8),
    'hosts-per-agent': {
      type: 'number',
      default: 1,
      min: 1,
      max: 1_000,
      integer: true,
      help: 'hosts in each batch (N > 1: a collector reporting a rack, as a Telegraf or OpenTelemetry Collector gateway does)',
    },
  },
});
const { agents, rate } = flags;
const durationMs = flags.duration * 1000;
const flushMs = flags.flush * 1000;
const warmWorkers = flags['warm-workers'];
const hostsPerAgent = flags['hosts-per-agent'];
const eventsPerBatch = Math.round((rate * flushMs) / 1000 / agents);
if (eventsPerBatch < 1 || eventsPerBatch > INGEST_LIMITS.maxEvents) {
  usageError('bench:ingest', `--rate x --flush / --agents gives ${eventsPerBatch} events per batch; it must be from 1 to ${INGEST_LIMITS.maxEvents}`);
}
if (hostsPerAgent > INGEST_LIMITS.maxHostsPerBatch) {
  usageError('bench:ingest', `--hosts-per-agent ${hostsPerAgent} is over ingest's ${INGEST_LIMITS.maxHostsPerBatch} distinct hosts a batch`);
}
const FORMATS = ['native', 'otlp'] as const;
const format = FORMATS.find((name) => name === flags.format);
if (format === undefined) usageError('bench:ingest', `--format must be ${FORMATS.join(' or ')}, not ${flags.format}`);
const URL = format === 'otlp' ? `${functionUrl('otlp')}/v1/metrics` : functionUrl('ingest');
/** A request the stack has not answered by then is retried (same batchId, so still exactly once). */
const REQUEST_TIMEOUT_MS = 30_000;

/** One agent's batch: its hosts' samples spread over the last flush interval (benchBatch, as bench:soak's agents). */
function agentBatch(hosts: readonly string[], sentAt: number): TelemetryEvent[] {
  return benchBatch({ hosts, events: eventsPerBatch, now: sentAt, sampleEveryMs: sampleSpacingMs(eventsPerBatch, hosts.length, flushMs) });
}

/**
 * The host documents a batch writes, from the same pure rollup ingest uses. Its fleet document (its
 * shard, or its leaf once the tenant's level is raised) counts its own batches: read after the run.
 * Not the window chunks: a host's or shard's first closes 26 minutes after it started reporting,
 * past any run of this bench (bench:plan-writes counts them).
 */
function hostDocumentsWritten(tenantId: string, events: TelemetryEvent[], now: number): string[] {
  return [...rollUp(validateEvents(events, now).accepted).hosts.values()].map((host) => paths.host(tenantId, host.host));
}

/**
 * The tenant's fleet level after the run, and its busiest fleet document at that level: the most
 * batches one took in a minute (its batchRate, the count ingest raises levels by), over 60 s.
 */
async function fleetDocuments(tenantId: string): Promise<{ level: number; busiest: { path: string; perSecond: number } }> {
  const [tenant, shards, leaves] = await Promise.all([
    adminDb.doc(paths.tenant(tenantId)).get(),
    adminDb.collection(paths.fleetShards(tenantId)).select('batchRate').get(),
    adminDb.collection(paths.fleetLeaves(tenantId)).select('batchRate').get(),
  ]);
  const stored = tenantDoc.shape.fleetLevel.safeParse(tenant.get('fleetLevel'));
  const level = stored.success ? (stored.data ?? 0) : 0;
  let busiest = { path: '(no fleet document)', perSecond: 0 };
  for (const doc of [...shards.docs, ...leaves.docs]) {
    const rate = batchRate.safeParse(doc.get('batchRate'));
    if (!rate.success || rate.data.level !== level) continue;
    const perSecond = Math.max(rate.data.count, rate.data.previous) / 60;
    if (perSecond > busiest.perSecond) busiest = { path: doc.ref.path, perSecond };
  }
  return { level, busiest };
}

/** The same batch as an OTLP/JSON export request: a resource per host, a gauge per metric, a point per event. */
function otlpExport(events: readonly TelemetryEvent[]): string {
  const hosts = new Map<string, Map<string, Array<{ timeUnixNano: string; asDouble: number }>>>();
  for (const event of events) {
    if (event.type !== 'metric') continue;
    const metrics = hosts.get(event.host) ?? new Map<string, Array<{ timeUnixNano: string; asDouble: number }>>();
    hosts.set(event.host, metrics);
    const points = metrics.get(event.metric) ?? [];
    metrics.set(event.metric, points);
    points.push({ timeUnixNano: `${event.ts ?? Date.now()}000000`, asDouble: event.value });
  }
  return JSON.stringify({
    resourceMetrics: [...hosts].map(([host, metrics]) => ({
      resource: { attributes: [{ key: 'host.name', value: { stringValue: host } }] },
      scopeMetrics: [{ metrics: [...metrics].map(([name, dataPoints]) => ({ name, gauge: { dataPoints } })) }],
    })),
  });
}

const otlpAnswer = z.looseObject({ partialSuccess: z.looseObject({ rejectedDataPoints: z.coerce.number().optional() }).optional() });

/** A batch in the chosen format, ready to post: the batchId its idempotency marker is under, and how to send it. */
interface PreparedBatch {
  batchId: string;
  /** Posts it (retrying); resolves with the events taken. */
  send: (key: string) => Promise<number>;
}

function prepare(name: string, events: TelemetryEvent[]): PreparedBatch {
  if (format === 'otlp') {
    const body = otlpExport(events);
    const parse = (json: unknown) => events.length - (otlpAnswer.parse(json).partialSuccess?.rejectedDataPoints ?? 0);
    return { batchId: contentBatchId('otlp', Buffer.from(body)), send: (key) => postJson({ url: URL, key, body, parse, timeoutMs: REQUEST_TIMEOUT_MS }) };
  }
  return { batchId: name, send: async (key) => (await postBatch({ url: URL, key, batch: { batchId: name, events }, timeoutMs: REQUEST_TIMEOUT_MS })).accepted };
}

async function post(key: string, batch: PreparedBatch): Promise<{ accepted: number; ms: number }> {
  const started = performance.now();
  const accepted = await batch.send(key);
  return { accepted, ms: performance.now() - started };
}

/** The hosts agent `agent` reports: its own, or with --hosts-per-agent N its N. */
function agentHosts(agent: number): string[] {
  const name = `agent-${String(agent).padStart(3, '0')}`;
  return hostsPerAgent === 1 ? [name] : Array.from({ length: hostsPerAgent }, (_, i) => `${name}-host-${String(i).padStart(2, '0')}`);
}

/** Events/s of validate + roll up, on this one core, without Firestore. */
function inProcessRate(): number {
  const batch = agentBatch(agentHosts(0), Date.now());
  const rounds = Math.max(1, Math.ceil(500_000 / batch.length));
  const started = performance.now();
  for (let i = 0; i < rounds; i++) rollUp(validateEvents(batch, Date.now()).accepted);
  return (rounds * batch.length) / ((performance.now() - started) / 1000);
}

async function countedEvents(tenantId: string): Promise<number> {
  const windows = [...(await storedWindows(tenantId, '1m')).values()].flat();
  return windows.reduce((total, window) => total + eventsCounted(window.metrics), 0);
}

async function main(): Promise<void> {
  const aggregationEventsPerSecond = inProcessRate();
  process.stdout.write(`in-process validate + roll up: ${Math.round(aggregationEventsPerSecond)} events/s on one core\n`);

  const tenantId = uniqueTenantId('bench');
  await createTenant(tenantId);
  const key = await writeIngestKey(tenantId, 'bench:ingest');
  // Warm the function's workers so cold starts are not measured; warm-up hosts are not counted.
  // The Functions emulator runs one request per worker process and starts a new process for each
  // request that finds none idle, so the warm-up makes --warm-workers of them at once.
  await Promise.all(Array.from({ length: warmWorkers }, (_, i) => post(key, prepare(`warmup-${i}`, agentBatch([`warmup-${i}`], Date.now()).slice(0, 10)))));
  const warmupEvents = await countedEvents(tenantId);

  process.stdout.write(`bench (${format}): ${agents} agents x ${hostsPerAgent} host(s), ${rate} events/s, ${durationMs / 1000} s, flush every ${flushMs / 1000} s (${eventsPerBatch} events/batch) -> ${URL}\n`);
  const latencies: number[] = [];
  /** Per host document: how many batches wrote it, and when the first and the last of them were answered. */
  const writes = new Map<string, { count: number; first: number; last: number }>();
  /** Fleet documents written: one a batch. */
  let fleetWrites = 0;
  let accepted = 0;
  let sent = 0;
  const givenUp: { batchId: string; events: TelemetryEvent[]; sentAt: number }[] = [];
  const countApplied = (batchId: string, events: TelemetryEvent[], sentAt: number, acceptedEvents: number, appliedAt: number) => {
    accepted += acceptedEvents;
    fleetWrites += 1;
    for (const path of hostDocumentsWritten(tenantId, events, sentAt)) {
      const entry = writes.get(path) ?? { count: 0, first: appliedAt, last: appliedAt };
      writes.set(path, { count: entry.count + 1, first: Math.min(entry.first, appliedAt), last: Math.max(entry.last, appliedAt) });
    }
  };
  const runStart = Date.now();
  const stopProgress = reportProgress('bench:ingest', 'events', () => ({ sent, accepted }));
  const inFlight: Promise<void>[] = [];
  await Promise.all(
    Array.from({ length: agents }, async (_, agent) => {
      await wait((agent / agents) * flushMs);
      for (let n = 0; Date.now() - runStart < durationMs; n++) {
        const due = runStart + (agent / agents) * flushMs + n * flushMs;
        if (due - runStart >= durationMs) break;
        await wait(Math.max(0, due - Date.now()));
        const events = agentBatch(agentHosts(agent), Date.now());
        const batch = prepare(`a${agent}-${n}`, events);
        const { batchId } = batch;
        const sentAt = Date.now();
        sent += events.length;
        inFlight.push(
          post(key, batch).then(
            (result) => {
              latencies.push(result.ms);
              countApplied(batchId, events, sentAt, result.accepted, Date.now());
            },
            () => {
              givenUp.push({ batchId, events, sentAt });
            },
          ),
        );
      }
    }),
  );
  await Promise.all(inFlight);
  stopProgress();
  const runEnd = Date.now();
  // A batch the bench gave up on may still have been applied (the answer was lost, not the write):
  // its hosts' documents say so, and then it counts as accepted, once.
  let failed = 0;
  for (const batch of givenUp) {
    const applied = await acceptedIfApplied(tenantId, batch.batchId, batch.events);
    if (applied !== undefined) countApplied(batch.batchId, batch.events, batch.sentAt, applied.accepted, applied.appliedAt);
    else failed += 1;
  }
  const elapsedS = (runEnd - runStart) / 1000;
  const counted = (await countedEvents(tenantId)) - warmupEvents;

  const totalWrites = [...writes.values()].reduce((sum, w) => sum + w.count, fleetWrites);
  // A document's average rate over the time it was written in. Its writers post every F seconds, so
  // n writes by one of them span (n - 1) F and n / (span + F) is that writer's rate, 1 / F; several
  // writers add up. (Dividing by the window's length instead overstates: an agent's batch carries
  // the last F seconds of samples, so a 10 s window is written for 10 + F seconds.)
  const docRates = [...writes].map(([path, w]) => ({ path, perSecond: w.count / ((w.last - w.first + flushMs) / 1000) }));
  const fleet = await fleetDocuments(tenantId);
  const busiest = docRates.reduce((a, b) => (b.perSecond > a.perSecond ? b : a), fleet.busiest);
  const maxDocWritesPerSecond = busiest.perSecond;
  const result = {
    format,
    agents,
    hosts: agents * hostsPerAgent,
    targetRate: rate,
    durationS: elapsedS,
    batches: latencies.length,
    appliedAfterGivingUp: givenUp.length - failed,
    failedBatches: failed,
    accepted,
    counted,
    eventsPerSecond: Math.round(accepted / elapsedS),
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    writesPerEvent: Number((totalWrites / Math.max(1, accepted)).toFixed(4)),
    maxDocWritesPerSecond: Number(maxDocWritesPerSecond.toFixed(2)),
    fleetLevel: fleet.level,
    busiestFleetDocWritesPerSecond: Number(fleet.busiest.perSecond.toFixed(2)),
    lost: accepted - counted,
    aggregationEventsPerSecond: Math.round(aggregationEventsPerSecond),
  };
  process.stdout.write(`accepted ${accepted} (${result.eventsPerSecond}/s), counted ${counted}, failed batches ${failed}, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms\n`);
  process.stdout.write(`busiest document ${busiest.path}: ${busiest.perSecond.toFixed(2)} writes/s; fleet level ${fleet.level}, busiest fleet document ${fleet.busiest.path}: ${fleet.busiest.perSecond.toFixed(2)} writes/s\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
process.exit(0);
