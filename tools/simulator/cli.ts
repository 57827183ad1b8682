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
import { setTimeout as sleep } from 'node:timers/promises';
import { INGEST_LIMITS } from '@pulseboard/contracts';
import { functionUrl } from '../../testkit/emulators';
import { parseFlags, usageError } from '../cli/flags';
import { reportProgress } from '../cli/progress';
import { demoKeyFile } from '../seed/demo';
import { buildBatch, joinTicks, splitAmongAgents, type SimulatedBatch } from './batch';
import { BASIC_METRICS, buildFleet, DEFAULT_SIMULATOR_SEED, SIMULATED_METRICS } from './fleet';
import { DEFAULT_INCIDENT_PLAN, incidentAt } from './incidents';
import { loadFleetTraces } from './load-traces';
import { IngestRejected, postBatch } from './post';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const flags = parseFlags({
  command: 'simulate',
  summary:
    'Replays real AWS traces as a fleet of hosts posting to ingest, until stopped (Ctrl-C) or for --duration seconds. ' +
    'Prints a progress line every 5 s on stderr.',
  flags: {
    hosts: { type: 'number', default: 20, min: 1, max: 10_000, integer: true, help: 'hosts in the fleet' },
    interval: { type: 'number', default: 1, min: 0.05, max: 3_600, help: 'seconds between two samples of every host' },
    flush: { type: 'number', min: 0.05, max: 3_600, help: 'seconds between two posts of an agent (default: --interval)' },
    duration: { type: 'number', default: 0, min: 0, max: 604_800, help: 'seconds to run; 0 runs until stopped' },
    agents: { type: 'number', default: 1, min: 1, max: 1_000, integer: true, help: 'agents sharing the hosts, each posting its own batch' },
    key: { type: 'string', help: 'ingest key (default: the one `npm run seed` left in .cache/demo-ingest-key)' },
    url: { type: 'string', default: functionUrl('ingest'), help: 'ingest URL' },
    seed: { type: 'number', default: DEFAULT_SIMULATOR_SEED, min: 0, max: 2 ** 31 - 1, integer: true, help: 'random seed of the fleet and its incidents' },
    'basic-metrics': { type: 'boolean', help: 'send only cpu, requests and active_users, without network_in (the shape bench:ui loads with)' },
  },
});

function ingestKey(): string {
  if (flags.key) return flags.key;
  const file = demoKeyFile(repoRoot);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  return usageError('simulate', 'no --key given and no demo key found; run `npm run seed` first or pass --key');
}

const hostCount = flags.hosts;
const intervalMs = flags.interval * 1000;
const ticksPerFlush = Math.max(1, Math.round(((flags.flush ?? flags.interval) * 1000) / intervalMs));
const durationMs = flags.duration * 1000;
const seed = flags.seed;
const key = ingestKey();
const traces = loadFleetTraces();
const fleet = buildFleet(hostCount, traces, seed);
const hostNames = fleet.map((host) => host.host);
const agents = flags.agents;
const metrics = flags['basic-metrics'] ? BASIC_METRICS : SIMULATED_METRICS;
// Metrics only: an incident's errors come on top, within the limit's headroom.
const eventsPerFlush = Math.ceil(hostCount / agents) * metrics.length * ticksPerFlush;
if (eventsPerFlush > INGEST_LIMITS.maxEvents) {
  usageError('simulate', `each agent would post ${eventsPerFlush} events per flush, over ingest's ${INGEST_LIMITS.maxEvents}; use more --agents or a shorter --flush`);
}
if (Math.ceil(hostCount / agents) > INGEST_LIMITS.maxHostsPerBatch) {
  usageError('simulate', `each agent would report ${Math.ceil(hostCount / agents)} hosts a batch, over ingest's ${INGEST_LIMITS.maxHostsPerBatch}; use more --agents`);
}
// A fresh run id per start: batch ids of an earlier run must not be taken for retries of this one.
const runId = `sim-${randomUUID().slice(0, 8)}`;

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true));

process.stdout.write(
  `simulate: ${hostCount} hosts as ${Math.min(agents, hostCount)} agent(s), sampled every ${intervalMs / 1000}s, posted every ${(ticksPerFlush * intervalMs) / 1000}s -> ${flags.url} (run ${runId})\n`,
);
let accepted = 0;
let sent = 0;
const stopProgress = reportProgress('simulate', 'events', () => ({ sent, accepted }));

/**
 * Posts one flush as each agent's batch, the agents spread evenly over the flush interval (as
 * Telegraf's flush_jitter spreads real agents): independent hosts do not all post in the same
 * millisecond, and a burst of simultaneous posts would measure cold starts, not throughput.
 */
async function flush(ticks: readonly SimulatedBatch[]): Promise<void> {
  const batches = splitAmongAgents(joinTicks(ticks), hostNames, agents);
  sent += batches.reduce((total, batch) => total + batch.events.length, 0);
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
  buffered.push(buildBatch({ runId, tick, now: Date.now(), fleet, traces, incident, plan: DEFAULT_INCIDENT_PLAN, metrics }));
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
stopProgress();
process.stdout.write(`simulate: stopped after ${accepted} accepted events\n`);
