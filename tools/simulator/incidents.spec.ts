import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_INCIDENT_PLAN, incidentAt } from './incidents';

const plan = { everyTicks: 10, offsetTicks: 2, cpuSpikeTicks: 5, errorBurstTicks: 3, errorsPerTick: 2 };

describe('incidentAt', () => {
  it('runs a CPU spike for its duration after the offset of the first period', () => {
    const active = Array.from({ length: 10 }, (_, tick) => incidentAt(tick, 4, 1, plan)?.kind ?? null);
    expect(active).toEqual([null, null, 'cpu-spike', 'cpu-spike', 'cpu-spike', 'cpu-spike', 'cpu-spike', null, null, null]);
  });

  it('alternates with an error burst in the next period', () => {
    const active = Array.from({ length: 10 }, (_, index) => incidentAt(10 + index, 4, 1, plan)?.kind ?? null);
    expect(active).toEqual([null, null, 'error-burst', 'error-burst', 'error-burst', null, null, null, null, null]);
  });

  it('keeps one host for the whole incident', () => {
    const hosts = new Set([2, 3, 4, 5, 6].map((tick) => incidentAt(tick, 20, 9, plan)?.hostIndex));
    expect(hosts.size).toBe(1);
  });

  it('always names a host of the fleet', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 500 }), fc.integer(), (tick, hostCount, seed) => {
        const incident = incidentAt(tick, hostCount, seed);
        return incident === undefined || (incident.hostIndex >= 0 && incident.hostIndex < hostCount);
      }),
    );
  });

  it('makes a demo CPU spike outlast the error burst and fit within its period', () => {
    expect(DEFAULT_INCIDENT_PLAN.offsetTicks + DEFAULT_INCIDENT_PLAN.cpuSpikeTicks).toBeLessThanOrEqual(DEFAULT_INCIDENT_PLAN.everyTicks);
    expect(DEFAULT_INCIDENT_PLAN.cpuSpikeTicks).toBeGreaterThan(DEFAULT_INCIDENT_PLAN.errorBurstTicks);
  });

  it('has no incident on an empty fleet', () => {
    expect(incidentAt(3, 0, 1, plan)).toBeUndefined();
  });
});
