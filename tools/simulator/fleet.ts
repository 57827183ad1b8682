import type { KnownMetric } from '@pulseboard/contracts';
import { seededRandom } from './random';
import { sampleAt, type Trace } from './trace';

/** The recorded traces a fleet replays. */
export interface FleetTraces {
  /** EC2 and RDS CPU utilisation, percent. */
  cpu: readonly Trace[];
  /** ELB requests per recorded sample. */
  requests: Trace;
  /** EC2 network-in bytes per recorded sample. */
  networkIn: Trace;
}

export interface SimulatedHost {
  host: string;
  cpuTrace: Trace;
  /** Where in the traces this host starts, so hosts sharing a trace differ. */
  phase: number;
  /** Per-host size: a bigger host serves more requests and users. */
  loadScale: number;
}

/** The metrics a simulated host reports, each from a recorded trace; the error rate comes from its incidents. */
export const SIMULATED_METRICS = ['cpu', 'requests', 'active_users', 'network_in'] as const satisfies readonly KnownMetric[];
export type SimulatedMetric = (typeof SIMULATED_METRICS)[number];
/** The metrics the benches' load replays: the fleet's shape before network_in, so their figures stay comparable. */
export const BASIC_METRICS = ['cpu', 'requests', 'active_users'] as const satisfies readonly SimulatedMetric[];

export type HostSample = Record<SimulatedMetric, number>;

/** Database hosts replay the RDS trace; every other CPU trace is a web host. */
function hostKind(trace: Trace): string {
  return trace.name.startsWith('rds') ? 'db' : 'web';
}

/** The seed `npm run simulate` uses unless given --seed. */
export const DEFAULT_SIMULATOR_SEED = 42;

/** `count` hosts, cycling through the CPU traces, each with its own phase and size. */
export function buildFleet(count: number, traces: FleetTraces, seed: number): SimulatedHost[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const cpuTrace = traces.cpu[index % traces.cpu.length] as Trace;
    return {
      host: `${hostKind(cpuTrace)}-${String(index + 1).padStart(2, '0')}`,
      cpuTrace,
      phase: Math.floor(random() * cpuTrace.values.length),
      loadScale: 0.5 + random(),
    };
  });
}

/**
 * One host's metrics at one tick. Requests are the recorded ELB count (a counter delta per
 * sample) scaled to the host; network_in is the recorded EC2 network-in bytes (a counter delta per
 * sample) scaled to the host; active users follow network-in through a square root, which keeps
 * the trace's shape but tames its rare 100x bursts to a plausible session count.
 */
export function sampleHost(host: SimulatedHost, traces: FleetTraces, tick: number): HostSample {
  const cpu = Math.min(100, sampleAt(host.cpuTrace, tick, host.phase));
  const requests = Math.round(sampleAt(traces.requests, tick, host.phase) * host.loadScale);
  const networkIn = sampleAt(traces.networkIn, tick, host.phase);
  const activeUsers = Math.round(Math.sqrt(networkIn / 100) * host.loadScale);
  return { cpu: Math.round(cpu * 100) / 100, requests, active_users: activeUsers, network_in: Math.round(networkIn * host.loadScale) };
}
