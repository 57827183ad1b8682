import type { TelemetryEvent } from '@pulseboard/contracts';
import { BASIC_METRICS, sampleHost, type FleetTraces, type SimulatedHost, type SimulatedMetric } from './fleet';
import type { Incident, IncidentPlan } from './incidents';

/** CPU of a host during an injected spike: above the default critical level (95). */
export const SPIKE_CPU = 97.5;

const INCIDENT_ERRORS = [
  { code: 'E503', message: 'upstream timeout' },
  { code: 'E500', message: 'unhandled exception in request handler' },
] as const;

/** An ingest batch (contracts ingestBatch) whose events are already typed. */
export interface SimulatedBatch {
  batchId: string;
  events: TelemetryEvent[];
}

export interface TickInput {
  runId: string;
  tick: number;
  now: number;
  fleet: readonly SimulatedHost[];
  traces: FleetTraces;
  incident: Incident | undefined;
  plan: IncidentPlan;
  /** The metrics each host reports (SIMULATED_METRICS, or BASIC_METRICS for a bench's load). */
  metrics: readonly SimulatedMetric[];
}

/** One host's events at one tick: its metrics, plus errors while it has an error burst. */
function hostEvents(input: TickInput, host: SimulatedHost, hostIndex: number): TelemetryEvent[] {
  const sample = sampleHost(host, input.traces, input.tick);
  const affected = input.incident?.hostIndex === hostIndex ? input.incident.kind : undefined;
  const ts = input.now;
  const metrics = input.metrics.map(
    (metric): TelemetryEvent => ({ type: 'metric', host: host.host, metric, value: metric === 'cpu' && affected === 'cpu-spike' ? SPIKE_CPU : sample[metric], ts }),
  );
  if (affected !== 'error-burst') return metrics;
  const errors = Array.from({ length: input.plan.errorsPerTick }, (_, index): TelemetryEvent => {
    const error = INCIDENT_ERRORS[index % INCIDENT_ERRORS.length] as (typeof INCIDENT_ERRORS)[number];
    return { type: 'error', host: host.host, code: error.code, message: error.message, ts };
  });
  return [...metrics, ...errors];
}

/**
 * The whole fleet's batch for one tick. The batchId is fixed by run and tick, so a retried
 * post is recognised by ingest as the same batch and applied once.
 */
export function buildBatch(input: TickInput): SimulatedBatch {
  return {
    batchId: `${input.runId}-${input.tick}`,
    events: input.fleet.flatMap((host, index) => hostEvents(input, host, index)),
  };
}

/**
 * A tick's batch split among `agents` agents, as a fleet whose hosts report on their own: host i
 * goes to agent i mod agents, and each agent's batchId extends the tick's, so retries stay
 * recognisable. One agent keeps the batch as it is.
 */
export function splitAmongAgents(batch: SimulatedBatch, hosts: readonly string[], agents: number): SimulatedBatch[] {
  if (agents <= 1) return [batch];
  const agentOf = new Map(hosts.map((host, index) => [host, index % agents]));
  const batches = Array.from({ length: Math.min(agents, hosts.length) }, (_, agent) => ({ batchId: `${batch.batchId}-a${agent}`, events: [] as TelemetryEvent[] }));
  for (const event of batch.events) batches[agentOf.get(event.host) ?? 0]?.events.push(event);
  return batches;
}

/**
 * The batches of consecutive ticks as one: what an agent that samples every tick but flushes every
 * few ticks posts (Telegraf's `interval` and `flush_interval`). It keeps the first tick's batchId,
 * which no other flush of the run has.
 */
export function joinTicks(batches: readonly SimulatedBatch[]): SimulatedBatch {
  const [first] = batches;
  if (first === undefined) throw new Error('joinTicks needs at least one batch');
  return { batchId: first.batchId, events: batches.flatMap((batch) => batch.events) };
}

/** What a bench agent's batch holds: `events` samples over `hosts`, taken `sampleEveryMs` apart, the newest at `now`. */
export interface BenchBatchShape {
  hosts: readonly string[];
  events: number;
  now: number;
  sampleEveryMs: number;
}

/** Above this a sample could cross a default threshold (CPU warns at 80 %): the benches measure the data path, not alert storms. */
const BENCH_VALUE_MAX = 50;

/**
 * The benches' agent batch (bench:ingest, bench:soak): each host in turn takes the next of its
 * samples, a sample being every BASIC_METRICS metric at once, so each host's samples go back from
 * `now` every `sampleEveryMs`. Values are random and below every default threshold. The trace
 * replay (buildBatch) is for the demo; the benches keep this shape so their figures stay comparable.
 */
export function benchBatch({ hosts, events, now, sampleEveryMs }: BenchBatchShape): TelemetryEvent[] {
  return Array.from({ length: events }, (_, index): TelemetryEvent => {
    const ofHost = Math.floor(index / hosts.length);
    return {
      type: 'metric',
      host: hosts[index % hosts.length] ?? 'bench-host',
      metric: BASIC_METRICS[ofHost % BASIC_METRICS.length] ?? 'cpu',
      value: Math.round(Math.random() * BENCH_VALUE_MAX * 10) / 10,
      ts: now - Math.floor(Math.floor(ofHost / BASIC_METRICS.length) * sampleEveryMs),
    };
  });
}

/** How far apart an agent's samples are when `events` spread over `hosts` fill `spanMs` (an agent's flush interval). */
export function sampleSpacingMs(events: number, hosts: number, spanMs: number): number {
  return spanMs / Math.ceil(events / hosts / BASIC_METRICS.length);
}
