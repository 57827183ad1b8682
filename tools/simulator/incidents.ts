/**
 * Injected incidents, so that alerts happen in a demo: every `everyTicks` one host gets either a
 * sustained CPU spike or a burst of errors. The schedule is a pure function of the tick, so a
 * running simulator needs no state for it and tests can ask about any tick.
 */
export type IncidentKind = 'cpu-spike' | 'error-burst';

export interface Incident {
  kind: IncidentKind;
  hostIndex: number;
  startTick: number;
  durationTicks: number;
}

export interface IncidentPlan {
  everyTicks: number;
  /** The first incident starts this many ticks into the period, after the dashboard has data. */
  offsetTicks: number;
  /** Long enough to outlast the demo tenant's sustain time at the default one-second interval. */
  cpuSpikeTicks: number;
  /** Errors per tick x ticks crosses the critical errors-per-minute threshold. */
  errorBurstTicks: number;
  errorsPerTick: number;
}

export const DEFAULT_INCIDENT_PLAN: IncidentPlan = {
  everyTicks: 90,
  offsetTicks: 20,
  cpuSpikeTicks: 60,
  errorBurstTicks: 20,
  errorsPerTick: 2,
};

/** Spreads incidents over the fleet without repeating the same host back to back. */
function hostForPeriod(period: number, hostCount: number, seed: number): number {
  return Math.abs(Math.imul(period + 1, 2_654_435_761) ^ seed) % hostCount;
}

/** The incident running at `tick`, if any. */
export function incidentAt(tick: number, hostCount: number, seed: number, plan = DEFAULT_INCIDENT_PLAN): Incident | undefined {
  if (hostCount === 0 || tick < 0) return undefined;
  const period = Math.floor(tick / plan.everyTicks);
  const kind: IncidentKind = period % 2 === 0 ? 'cpu-spike' : 'error-burst';
  const startTick = period * plan.everyTicks + plan.offsetTicks;
  const durationTicks = kind === 'cpu-spike' ? plan.cpuSpikeTicks : plan.errorBurstTicks;
  if (tick < startTick || tick >= startTick + durationTicks) return undefined;
  return { kind, hostIndex: hostForPeriod(period, hostCount, seed), startTick, durationTicks };
}
