import { describe, expect, it } from 'vitest';
import { afterOutcome, coolDown, earnRetry, gate, initialAgentState, trimBuffer, type AgentPolicy, type AgentState } from './soak-agent-policy';

const policy: AgentPolicy = {
  circuit: { tripAfter: 3, slowMs: 10_000, baseCoolDownMs: 1_000, maxCoolDownMs: 8_000, maxRetryAfterMs: 60_000 },
  budget: { ratio: 0.5, max: 2 },
};
/** The top of every jittered cool-down (the limit of Math.random), so the expected times are exact. */
const top = () => 1;
const failed = { kind: 'failed', overloaded: false } as const;
const overloaded = { kind: 'failed', overloaded: true } as const;

describe('the circuit', () => {
  it('stays closed through fewer failures in a row than tripAfter, and a stored answer forgets them', () => {
    let state = initialAgentState(policy);
    state = afterOutcome(state, failed, 0, policy.circuit, top);
    state = afterOutcome(state, failed, 0, policy.circuit, top);
    expect(state.circuit).toEqual({ kind: 'closed', failures: 2 });
    state = afterOutcome(state, { kind: 'stored', ms: 200 }, 0, policy.circuit, top);
    expect(state.circuit).toEqual({ kind: 'closed', failures: 0 });
  });

  it('opens on the tripAfter-th failure in a row', () => {
    let state = initialAgentState(policy);
    for (let i = 0; i < 3; i++) state = afterOutcome(state, failed, 5_000, policy.circuit, top);
    expect(state.circuit).toEqual({ kind: 'open', until: 6_000, coolDowns: 1 });
  });

  it('opens at once on a timeout or an overloaded answer, honouring Retry-After when it asks for longer', () => {
    const state = initialAgentState(policy);
    expect(afterOutcome(state, overloaded, 0, policy.circuit, top).circuit).toEqual({ kind: 'open', until: 1_000, coolDowns: 1 });
    expect(afterOutcome(state, { ...overloaded, retryAfterMs: 5_000 }, 0, policy.circuit, top).circuit).toEqual({ kind: 'open', until: 5_000, coolDowns: 1 });
    expect(afterOutcome(state, { ...overloaded, retryAfterMs: 600_000 }, 0, policy.circuit, top).circuit).toEqual({ kind: 'open', until: 60_000, coolDowns: 1 });
  });

  it('opens on a stored answer slower than slowMs: the batch is delivered, but the stack is queueing', () => {
    const state = afterOutcome(initialAgentState(policy), { kind: 'stored', ms: 10_001 }, 0, policy.circuit, top);
    expect(state.circuit.kind).toBe('open');
  });

  it('offers nothing while open, then lets one probe through without spending the budget', () => {
    const open: AgentState = { circuit: { kind: 'open', until: 1_000, coolDowns: 1 }, tokens: 0 };
    expect(gate(open, 999, true)).toEqual({ verdict: 'wait', state: open, until: 1_000 });
    const probing = gate(open, 1_000, true);
    expect(probing).toEqual({ verdict: 'send', state: { circuit: { kind: 'half-open', coolDowns: 1 }, tokens: 0 } });
    expect(gate(probing.state, 1_001, false).verdict).toBe('wait');
  });

  it('closes on a good probe, and opens for twice as long on a failed one, up to the cap', () => {
    const probing: AgentState = { circuit: { kind: 'half-open', coolDowns: 1 }, tokens: 0 };
    expect(afterOutcome(probing, { kind: 'stored', ms: 300 }, 0, policy.circuit, top).circuit).toEqual({ kind: 'closed', failures: 0 });
    expect(afterOutcome(probing, failed, 0, policy.circuit, top).circuit).toEqual({ kind: 'open', until: 2_000, coolDowns: 2 });
    const longProbing: AgentState = { circuit: { kind: 'half-open', coolDowns: 9 }, tokens: 0 };
    expect(afterOutcome(longProbing, failed, 0, policy.circuit, top).circuit).toEqual({ kind: 'open', until: 8_000, coolDowns: 10 });
  });

  it('spreads cool-downs between half and all of their ceiling', () => {
    expect(coolDown(3, policy.circuit, () => 0)).toBe(2_000);
    expect(coolDown(3, policy.circuit, top)).toBe(4_000);
  });
});

describe('the retry budget', () => {
  it('sends a first attempt whatever the budget, and a retry only for a token', () => {
    const broke: AgentState = { ...initialAgentState(policy), tokens: 0.5 };
    expect(gate(broke, 0, false)).toEqual({ verdict: 'send', state: broke });
    expect(gate(broke, 0, true)).toEqual({ verdict: 'wait', state: broke, until: undefined });
    const earned = earnRetry(broke, policy);
    expect(gate(earned, 0, true)).toEqual({ verdict: 'send', state: { ...earned, tokens: 0 } });
  });

  it('earns a share of a retry per new batch, up to its maximum', () => {
    let state: AgentState = { ...initialAgentState(policy), tokens: 0 };
    for (let batch = 0; batch < 10; batch++) state = earnRetry(state, policy);
    expect(state.tokens).toBe(2);
  });
});

describe('trimBuffer', () => {
  const batch = (id: string, createdAt: number) => ({ id, createdAt });

  it('drops batches older than the age limit, then the oldest beyond the size limit', () => {
    const buffer = [batch('a', 0), batch('b', 50), batch('c', 60), batch('d', 70), batch('e', 80)];
    const { kept, dropped } = trimBuffer(buffer, 100, { maxBatches: 3, maxAgeMs: 60 });
    expect(kept.map((b) => b.id)).toEqual(['c', 'd', 'e']);
    expect(dropped.map((b) => b.id)).toEqual(['a', 'b']);
  });

  it('keeps everything within both limits', () => {
    const buffer = [batch('a', 90), batch('b', 95)];
    expect(trimBuffer(buffer, 100, { maxBatches: 3, maxAgeMs: 60 })).toEqual({ kept: buffer, dropped: [] });
  });
});
