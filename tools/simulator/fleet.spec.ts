import { describe, expect, it } from 'vitest';
import { buildFleet, sampleHost, type FleetTraces } from './fleet';

const traces: FleetTraces = {
  cpu: [
    { name: 'ec2_cpu_utilization_a', values: [10, 20, 30, 40] },
    { name: 'rds_cpu_utilization_b', values: [5, 6, 7, 8] },
  ],
  requests: { name: 'elb_request_count', values: [100, 200, 300, 400] },
  networkIn: { name: 'ec2_network_in', values: [10_000, 40_000, 90_000, 160_000] },
};

describe('buildFleet', () => {
  it('names hosts after their kind and cycles through the CPU traces', () => {
    expect(buildFleet(3, traces, 1).map((host) => host.host)).toEqual(['web-01', 'db-02', 'web-03']);
  });

  it('is the same fleet for the same seed and a different one for another seed', () => {
    expect(buildFleet(5, traces, 7)).toEqual(buildFleet(5, traces, 7));
    expect(buildFleet(5, traces, 7)).not.toEqual(buildFleet(5, traces, 8));
  });
});

describe('sampleHost', () => {
  const host = { host: 'web-01', cpuTrace: traces.cpu[0]!, phase: 1, loadScale: 2 };

  it('replays the CPU trace from the host phase', () => {
    expect([0, 1, 2, 3].map((tick) => sampleHost(host, traces, tick).cpu)).toEqual([20, 30, 40, 10]);
  });

  it('scales requests and network-in and derives active users from network-in by the host size', () => {
    expect(sampleHost(host, traces, 0)).toEqual({ cpu: 20, requests: 400, active_users: 40, network_in: 80_000 });
  });

  it('never reports CPU above 100 percent', () => {
    const busy = { ...host, cpuTrace: { name: 'ec2', values: [250] }, phase: 0 };
    expect(sampleHost(busy, traces, 0).cpu).toBe(100);
  });
});
