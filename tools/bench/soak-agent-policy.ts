/**
 * How a soak agent behaves under overload, kept pure so it is unit-tested: a circuit that stops
 * offering batches while answers fail or come slower than they should, probes after a cool-down and
 * resumes on a good answer, and a retry budget that keeps an agent's retries a bounded share of its
 * own batches. An agent holds its unacknowledged batches (each keeps its batchId) and has at most one
 * request in flight, so a stack that queues sees at most one request an agent plus the ones it abandoned,
 * and a hiccup drains instead of compounding (docs/BENCHMARKS.md, "Soak").
 */

export interface CircuitPolicy {
  /** Consecutive failed requests (network error, aborted, 5xx) that open the circuit. */
  tripAfter: number;
  /** A stored answer slower than this opens the circuit all the same: the stack is queueing. */
  slowMs: number;
  /** The first cool-down; each failed probe doubles it, up to maxCoolDownMs. */
  baseCoolDownMs: number;
  maxCoolDownMs: number;
  /** The longest Retry-After honoured: a server asking for more is taken as asking for this. */
  maxRetryAfterMs: number;
}

export interface RetryBudgetPolicy {
  /** Retry tokens an agent earns with each new batch: the share of its requests that may be retries. */
  ratio: number;
  /** Tokens an agent starts with and can hold at most. */
  max: number;
}

export interface AgentPolicy {
  circuit: CircuitPolicy;
  budget: RetryBudgetPolicy;
}

export type Circuit =
  /** Offering batches; `failures` in a row so far. */
  | { kind: 'closed'; failures: number }
  /** Offering nothing until `until` (epoch ms); `coolDowns` opened in a row so far. */
  | { kind: 'open'; until: number; coolDowns: number }
  /** One probe in flight: its answer closes the circuit or opens it for longer. */
  | { kind: 'half-open'; coolDowns: number };

export interface AgentState {
  circuit: Circuit;
  /** Retries the agent may still make while its circuit is closed. */
  tokens: number;
}

/** What became of one request. */
export type Outcome =
  /** Stored (2xx) after `ms`. */
  | { kind: 'stored'; ms: number }
  /** No usable answer: a network error, an abort, a 5xx; timed out or 429/503 say the stack is overloaded. */
  | { kind: 'failed'; overloaded: boolean; retryAfterMs?: number };

export type Gate =
  | { verdict: 'send'; state: AgentState }
  /** Offer nothing before `until`; undefined: until the agent's next batch earns a retry token. */
  | { verdict: 'wait'; state: AgentState; until?: number };

export function initialAgentState(policy: AgentPolicy): AgentState {
  return { circuit: { kind: 'closed', failures: 0 }, tokens: policy.budget.max };
}

/** A new batch joins the agent's buffer and earns its share of a retry. */
export function earnRetry(state: AgentState, policy: AgentPolicy): AgentState {
  return { ...state, tokens: Math.min(policy.budget.max, state.tokens + policy.budget.ratio) };
}

/**
 * Whether the agent may send the oldest batch of its buffer now (`retry`: it was sent before). An
 * open circuit whose cool-down is over lets one probe through, whatever the budget: the cool-down
 * paces probes; while closed, a retry costs a token and waits for one when there is none.
 */
export function gate(state: AgentState, now: number, retry: boolean): Gate {
  const { circuit } = state;
  // A probe is in flight: its answer decides (an agent has one request in flight at most).
  if (circuit.kind === 'half-open') return { verdict: 'wait', state, until: undefined };
  if (circuit.kind === 'open') {
    if (now < circuit.until) return { verdict: 'wait', state, until: circuit.until };
    return { verdict: 'send', state: { ...state, circuit: { kind: 'half-open', coolDowns: circuit.coolDowns } } };
  }
  if (!retry) return { verdict: 'send', state };
  if (state.tokens < 1) return { verdict: 'wait', state, until: undefined };
  return { verdict: 'send', state: { ...state, tokens: state.tokens - 1 } };
}

/** The cool-down after the circuit opened `coolDowns` times in a row (1-based): exponential, capped, between half and all of it. */
export function coolDown(coolDowns: number, policy: CircuitPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxCoolDownMs, policy.baseCoolDownMs * 2 ** (coolDowns - 1));
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}

function open(state: AgentState, coolDowns: number, now: number, policy: CircuitPolicy, random: () => number, retryAfterMs?: number): AgentState {
  const wanted = coolDown(coolDowns, policy, random);
  const asked = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return { ...state, circuit: { kind: 'open', until: now + Math.max(wanted, asked), coolDowns } };
}

/** The circuit after a request's outcome. */
export function afterOutcome(state: AgentState, outcome: Outcome, now: number, policy: CircuitPolicy, random: () => number): AgentState {
  const { circuit } = state;
  const priorCoolDowns = circuit.kind === 'closed' ? 0 : circuit.coolDowns;
  if (outcome.kind === 'stored') {
    if (outcome.ms <= policy.slowMs) return { ...state, circuit: { kind: 'closed', failures: 0 } };
    return open(state, priorCoolDowns + 1, now, policy, random);
  }
  if (circuit.kind === 'closed' && !outcome.overloaded && circuit.failures + 1 < policy.tripAfter) {
    return { ...state, circuit: { kind: 'closed', failures: circuit.failures + 1 } };
  }
  return open(state, priorCoolDowns + 1, now, policy, random, outcome.retryAfterMs);
}

export interface BufferPolicy {
  /** Batches an agent holds unacknowledged at most; the oldest goes first beyond it. */
  maxBatches: number;
  /** A batch older than this is dropped: ingest would refuse its events as too late (INGEST_LIMITS.maxLatenessMs). */
  maxAgeMs: number;
}

/** The agent's buffer (oldest first) split into what it keeps and what it drops undelivered: too old, or beyond its size. */
export function trimBuffer<T extends { createdAt: number }>(buffer: readonly T[], now: number, policy: BufferPolicy): { kept: T[]; dropped: T[] } {
  const fresh = buffer.filter((batch) => now - batch.createdAt <= policy.maxAgeMs);
  const stale = buffer.filter((batch) => now - batch.createdAt > policy.maxAgeMs);
  const overflow = Math.max(0, fresh.length - policy.maxBatches);
  return { kept: fresh.slice(overflow), dropped: [...stale, ...fresh.slice(0, overflow)] };
}
