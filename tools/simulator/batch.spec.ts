import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, ingestBatch, telemetryEvent, INGEST_LIMITS, type TelemetryEvent } from '@pulseboard/contracts';
import { BASIC_METRICS, SIMULATED_METRICS, buildFleet, type FleetTraces } from './fleet';
import { SPIKE_CPU, benchBatch, buildBatch, joinTicks, sampleSpacingMs, splitAmongAgents, type TickInput } from './batch';
import { DEFAULT_INCIDENT_PLAN } from './incidents';

const traces: FleetTraces = {
  cpu: [{ name: 'ec2_cpu', values: [12.5] }],
  requests: { name: 'elb', values: [80, 120] },
  networkIn: { name: 'net', values: [250_000, 500_000] },
};
const fleet = buildFleet(3, traces, 5);
const base: TickInput = { runId: 'run-1', tick: 4, now: 1_795_400_000_000, fleet, traces, incident: undefined, plan: DEFAULT_INCIDENT_PLAN, metrics: SIMULATED_METRICS };

describe('buildBatch', () => {
  it('sends every simulated metric of each host, network_in among them, each valid under the ingest contract', () => {
    const batch = buildBatch(base);
    expect(batch.events).toHaveLength(12);
    expect(batch.events.filter((event) => event.type === 'metric' && event.metric === 'network_in')).toHaveLength(3);
    expect(ingestBatch.safeParse(batch).success).toBe(true);
    for (const event of batch.events) expect(telemetryEvent.safeParse(event).success).toBe(true);
  });

  it("sends only the basic metrics for a bench's load", () => {
    const metrics = buildBatch({ ...base, metrics: BASIC_METRICS }).events.map((event) => event.type === 'metric' && event.metric);
    expect(new Set(metrics)).toEqual(new Set(BASIC_METRICS));
  });

  it('derives the batchId from run and tick, so a retry is the same batch', () => {
    expect(buildBatch(base).batchId).toBe('run-1-4');
    expect(buildBatch({ ...base, now: base.now + 5_000 }).batchId).toBe(buildBatch(base).batchId);
  });

  it('pins the CPU of the spiking host above the critical level and leaves the others alone', () => {
    const batch = buildBatch({ ...base, incident: { kind: 'cpu-spike', hostIndex: 1, startTick: 0, durationTicks: 60 } });
    const cpu = batch.events.filter((event) => event.type === 'metric' && event.metric === 'cpu');
    expect(cpu.map((event) => event.type === 'metric' && event.value)).toEqual([12.5, SPIKE_CPU, 12.5]);
  });

  it('adds error events only for the host in an error burst', () => {
    const batch = buildBatch({ ...base, incident: { kind: 'error-burst', hostIndex: 2, startTick: 0, durationTicks: 20 } });
    const errors = batch.events.filter((event) => event.type === 'error');
    expect(errors).toHaveLength(DEFAULT_INCIDENT_PLAN.errorsPerTick);
    expect(new Set(errors.map((event) => event.host))).toEqual(new Set([fleet[2]?.host]));
    for (const event of errors) expect(telemetryEvent.safeParse(event).success).toBe(true);
  });

  it('stays within the event limit of one request for a 1,000-host fleet', () => {
    const big = buildFleet(1_000, traces, 5);
    expect(buildBatch({ ...base, fleet: big }).events.length).toBeLessThanOrEqual(INGEST_LIMITS.maxEvents);
  });
});

describe('splitAmongAgents', () => {
  const hosts = fleet.map((host) => host.host);
  const errorBurst = buildBatch({ ...base, incident: { kind: 'error-burst', hostIndex: 2, startTick: 0, durationTicks: 20 } });

  it("keeps the tick's batch whole for one agent", () => {
    expect(splitAmongAgents(errorBurst, hosts, 1)).toEqual([errorBurst]);
  });

  it("gives each host's events, errors included, to exactly one agent with a batchId of its own", () => {
    const batches = splitAmongAgents(errorBurst, hosts, 2);
    expect(batches.map((batch) => batch.batchId)).toEqual(['run-1-4-a0', 'run-1-4-a1']);
    expect(batches.flatMap((batch) => batch.events)).toHaveLength(errorBurst.events.length);
    for (const batch of batches) {
      const owners = batches.filter((other) => other !== batch);
      for (const event of batch.events) expect(owners.some((other) => other.events.some((e) => e.host === event.host))).toBe(false);
    }
    expect(new Set(batches[0]?.events.map((event) => event.host))).toEqual(new Set([hosts[0], hosts[2]]));
  });

  it('never makes an empty batch when there are more agents than hosts', () => {
    const batches = splitAmongAgents(errorBurst, hosts, 10);
    expect(batches).toHaveLength(hosts.length);
    for (const batch of batches) expect(batch.events.length).toBeGreaterThan(0);
  });
});

describe('joinTicks', () => {
  it('posts every sample of the joined ticks, each with its own time, under the first tick\'s id', () => {
    const ticks = [4, 5, 6].map((tick) => buildBatch({ ...base, tick, now: base.now + (tick - 4) * 600 }));
    const joined = joinTicks(ticks);
    expect(joined.batchId).toBe('run-1-4');
    expect(joined.events).toHaveLength(3 * 3 * SIMULATED_METRICS.length);
    expect(new Set(joined.events.map((event) => event.ts))).toEqual(new Set([base.now, base.now + 600, base.now + 1_200]));
    expect(ingestBatch.safeParse(joined).success).toBe(true);
  });

  it('refuses to join nothing', () => {
    expect(() => joinTicks([])).toThrow(/at least one/);
  });
});

describe('benchBatch', () => {
  const now = 1_795_400_000_000;
  const metricEvents = (events: TelemetryEvent[]) => events.flatMap((event) => (event.type === 'metric' ? [event] : []));

  it("gives a host agent every basic metric once a sample, a sample every sampleEveryMs back from now (bench:soak's agents)", () => {
    const events = metricEvents(benchBatch({ hosts: ['a', 'b'], events: 2 * 10 * BASIC_METRICS.length, now, sampleEveryMs: 1_000 }));
    for (const host of ['a', 'b']) {
      for (const metric of BASIC_METRICS) {
        const times = events.filter((event) => event.host === host && event.metric === metric).map((event) => now - (event.ts ?? 0));
        expect(times).toEqual(Array.from({ length: 10 }, (_, second) => second * 1_000));
      }
    }
  });

  it("spreads an agent's events over its flush interval, exactly as many as asked, however they divide among its hosts (bench:ingest)", () => {
    const hosts = ['a', 'b', 'c'];
    const events = metricEvents(benchBatch({ hosts, events: 250, now, sampleEveryMs: sampleSpacingMs(250, hosts.length, 5_000) }));
    expect(events).toHaveLength(250);
    expect(hosts.map((host) => events.filter((event) => event.host === host).length)).toEqual([84, 83, 83]);
    const ages = events.map((event) => now - (event.ts ?? 0));
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBeGreaterThan(4_000);
    expect(Math.max(...ages)).toBeLessThan(5_000);
  });

  it('stays valid under the ingest contract and below every default threshold', () => {
    const events = benchBatch({ hosts: ['a'], events: 3_000, now, sampleEveryMs: 1 });
    expect(ingestBatch.safeParse({ batchId: 'bench', events }).success).toBe(true);
    const cpu = metricEvents(events).filter((event) => event.metric === 'cpu');
    expect(Math.max(...cpu.map((event) => event.value))).toBeLessThan(DEFAULT_THRESHOLDS['cpu']?.warning ?? 0);
  });
});
