/**
 * Replays real AWS traces as a fleet of hosts posting to ingest:
 * `npm run simulate -- --hosts 20 --interval 1 --flush 1 --duration 0 --agents 1 --key <secret> --url <ingest url>`.
 * Every host is sampled each --interval seconds; the samples are posted every --flush seconds
 * (default: each tick), as agents buffer between flushes. With --agents N the fleet reports as
 * N agents, each posting its own batch per flush, spread over the flush interval. Posts do not
 * wait for earlier answers (open loop): a slow stack shows as latency, not as a load generator
 * slowing down.
 * Without --key it uses the key `npm run seed` left in .cache/demo-ingest-key.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { INGEST_LIMITS } from '@pulseboard/contracts';
import { functionUrl } from '../../tests/support/emulators';
import { demoKeyFile } from '../seed/demo';
import { buildBatch, joinTicks, splitAmongAgents, type SimulatedBatch } from './batch';
import { buildFleet, DEFAULT_SIMULATOR_SEED } from './fleet';
import { DEFAULT_INCIDENT_PLAN, incidentAt } from './incidents';
import { loadFleetTraces } from './load-traces';
import { IngestRejected, postBatch } from './post';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const { values: flags } = parseArgs({
  options: {
    hosts: { type: 'string', default: '20' },
    interval: { type: 'string', default: '1' },
    flush: { type: 'string' },
    duration: { type: 'string', default: '0' },
    key: { type: 'string' },
    url: { type: 'string', default: functionUrl('ingest') },
    seed: { type: 'string', default: String(DEFAULT_SIMULATOR_SEED) },
    agents: { type: 'string', default: '1' },
  },
});

function positiveNumber(name: string, text: string, allowZero = false): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    process.stderr.write(`simulate: --${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}

function ingestKey(): string {
  if (flags.key) return flags.key;
  const file = demoKeyFile(repoRoot);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  process.stderr.write('simulate: no --key given and no demo key found; run `npm run seed` first or pass --key\n');
  process.exit(2);
}

const hostCount = Math.floor(positiveNumber('hosts', flags.hosts));
const intervalMs = positiveNumber('interval', flags.interval) * 1000;
const ticksPerFlush = Math.max(1, Math.round((positiveNumber('flush', flags.flush ?? flags.interval) * 1000) / intervalMs));
const durationMs = positiveNumber('duration', flags.duration, true) * 1000;
const seed = Math.floor(Number(flags.seed));
const key = ingestKey();
const traces = loadFleetTraces();
const fleet = buildFleet(hostCount, traces, seed);
const hostNames = fleet.map((host) => host.host);
const agents = Math.floor(positiveNumber('agents', flags.agents));
// Metrics only: an incident's errors come on top, within the limit's headroom.
const eventsPerFlush = Math.ceil(hostCount / agents) * 3 * ticksPerFlush;
if (eventsPerFlush > INGEST_LIMITS.maxEvents) {
  process.stderr.write(`simulate: each agent would post ${eventsPerFlush} events per flush, over ingest's ${INGEST_LIMITS.maxEvents}; use more --agents or a shorter --flush\n`);
  process.exit(2);
}
if (Math.ceil(hostCount / agents) > INGEST_LIMITS.maxHostsPerBatch) {
  process.stderr.write(`simulate: each agent would report ${Math.ceil(hostCount / agents)} hosts a batch, over ingest's ${INGEST_LIMITS.maxHostsPerBatch}; use more --agents\n`);
  process.exit(2);
}
// A fresh run id per start: batch ids of an earlier run must not be taken for retries of this one.
const runId = `sim-${randomUUID().slice(0, 8)}`;

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true));

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

process.stdout.write(
  `simulate: ${hostCount} hosts as ${Math.min(agents, hostCount)} agent(s), sampled every ${intervalMs / 1000}s, posted every ${(ticksPerFlush * intervalMs) / 1000}s -> ${flags.url} (run ${runId})\n`,
);
let accepted = 0;

/**
 * Posts one flush as each agent's batch, the agents spread evenly over the flush interval (as
 * Telegraf's flush_jitter spreads real agents): independent hosts do not all post in the same
 * millisecond, and a burst of simultaneous posts would measure cold starts, not throughput.
 */
async function flush(ticks: readonly SimulatedBatch[]): Promise<void> {
  const batches = splitAmongAgents(joinTicks(ticks), hostNames, agents);
  const spreadMs = ticksPerFlush * intervalMs;
  const answers = await Promise.allSettled(
    batches.map(async (batch, index) => {
      await sleep((index / batches.length) * spreadMs);
      return postBatch({ url: flags.url, key, batch });
    }),
  );
  answers.forEach((answer, index) => {
    const { batchId } = batches[index] as SimulatedBatch;
    if (answer.status === 'fulfilled') {
      accepted += answer.value.accepted;
      const { rejected } = answer.value;
      if (rejected.length > 0) process.stderr.write(`simulate: batch ${batchId}: ${rejected.length} events rejected, first: ${rejected[0]?.reason}\n`);
      return;
    }
    const error: unknown = answer.reason;
    process.stderr.write(`simulate: batch ${batchId} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    // A refused key will not start working by itself.
    if (error instanceof IngestRejected && error.status === 401) process.exit(1);
  });
}

const startedAt = Date.now();
const inFlight = new Set<Promise<void>>();
let buffered: SimulatedBatch[] = [];
for (let tick = 0; !stopping && (durationMs === 0 || Date.now() - startedAt < durationMs); tick++) {
  const incident = incidentAt(tick, hostCount, seed);
  if (incident?.startTick === tick) {
    process.stdout.write(`simulate: incident ${incident.kind} on ${fleet[incident.hostIndex]?.host} for ${incident.durationTicks} ticks\n`);
  }
  buffered.push(buildBatch({ runId, tick, now: Date.now(), fleet, traces, incident, plan: DEFAULT_INCIDENT_PLAN }));
  if (buffered.length === ticksPerFlush) {
    const posting = flush(buffered);
    inFlight.add(posting);
    void posting.finally(() => inFlight.delete(posting));
    buffered = [];
  }
  await sleep(Math.max(0, startedAt + (tick + 1) * intervalMs - Date.now()));
}
if (buffered.length > 0) inFlight.add(flush(buffered));
await Promise.all(inFlight);
process.stdout.write(`simulate: stopped after ${accepted} accepted events\n`);
