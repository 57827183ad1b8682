import { describe, expect, it } from 'vitest';
import { METRICS_KEPT_PER_HOST, sampleAggregate, type AlertDoc, type HostDoc } from '@pulseboard/contracts';
import { alertId } from '../alerts/evaluate-alert';
import { planBatch, type StoredHostState, type StoredState } from './plan-batch';
import { emptyContent, rollUp } from './rollup';
import type { TimedEvent } from './validate-events';
import { openCpuAlert } from '../alerts/open-alert.fixture';

// A minute boundary, 15 s into that minute, and the batch's "now" just after.
const MINUTE = 1_795_400_040_000 - (1_795_400_040_000 % 60_000);
const T = MINUTE + 15_000;
const NOW = T + 1_000;

const metric = (host: string, name: string, value: number, ts = T): TimedEvent => ({ type: 'metric', host, metric: name, value, ts });
const error = (host: string, ts = T): TimedEvent => ({ type: 'error', host, code: 'E500', message: 'boom', ts });

const policy = { thresholds: { cpu: { warning: 80, critical: 95 }, errors: { warning: 5, critical: 20 } }, sustainSeconds: 0 };

function state(overrides: Partial<StoredState> = {}): StoredState {
  return { policy, hosts: new Map(), fleet: new Map(), digests: {}, activeAlerts: new Map(), ...overrides };
}

function hostState(doc: Partial<HostDoc>, windows: StoredHostState['windows'] = new Map()): StoredHostState {
  return { doc, windows, previousMinute: emptyContent() };
}

function storedHost(overrides: Partial<HostDoc> = {}): HostDoc {
  return { host: 'web-01', lastSeen: T - 5_000, metrics: {}, recentErrors: [], errorsPerMinute: 0, thresholds: {}, silencedUntil: null, activeAlerts: {}, ...overrides };
}

function plannedHost(plan: ReturnType<typeof planBatch>, host = 'web-01'): HostDoc {
  const doc = plan.hosts.find((planned) => planned.doc.host === host)?.doc;
  if (doc === undefined) throw new Error(`no plan for ${host}`);
  return doc;
}

describe('planBatch windows', () => {
  it("writes a new host's windows of every resolution and its fleet shard's, from the batch alone", () => {
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 40), metric('web-01', 'cpu', 60, T + 1)]), state(), NOW);
    const windows = plan.hosts[0]?.windows ?? [];
    expect(windows.map((w) => w.doc.resolution)).toEqual(['10s', '1m', '1h']);
    expect(windows[1]?.doc).toMatchObject({ host: 'web-01', start: MINUTE, end: MINUTE + 60_000, metrics: { cpu: { count: 2, sum: 100, last: 60 } } });
    expect(plan.fleet.map((w) => w.doc.metrics['cpu']?.sum)).toEqual([100, 100, 100]);
  });

  it('adds the batch to what each window held: the aggregates stay exact', () => {
    const rollup = rollUp([metric('web-01', 'cpu', 10), error('web-01')]);
    const key = `1m_${MINUTE}`;
    const held = { metrics: { cpu: sampleAggregate(30, T - 1_000) }, errorCount: 2, recentErrors: [] };
    const fleetKey = [...rollup.fleet.keys()].find((k) => k.startsWith(`${key}_`)) ?? '';
    const plan = planBatch(rollup, state({ hosts: new Map([['web-01', hostState(storedHost(), new Map([[key, held]]))]]), fleet: new Map([[fleetKey, held]]) }), NOW);
    const minute = plan.hosts[0]?.windows.find((w) => w.key === key)?.doc;
    expect(minute?.metrics['cpu']).toEqual({ count: 2, sum: 40, min: 10, max: 30, last: 10, lastTs: T });
    expect(minute?.errors.count).toBe(3);
    expect(plan.fleet.find((w) => w.key === fleetKey)?.doc).toMatchObject({ metrics: { cpu: { count: 2, sum: 40 } }, errors: { count: 3 } });
  });

  it('writes a batch straddling a minute boundary into both minutes, and its error rate counts the earlier one as merged', () => {
    const earlier = MINUTE - 10_000;
    const rollup = rollUp([error('web-01', earlier), error('web-01', earlier + 1), error('web-01', T)]);
    // The stored previous minute held 4 errors, read separately; the batch's merge of it holds 6.
    const held = { metrics: {}, errorCount: 4, recentErrors: [] };
    const plan = planBatch(rollup, state({ hosts: new Map([['web-01', { doc: storedHost(), windows: new Map([[`1m_${MINUTE - 60_000}`, held]]), previousMinute: held }]]) }), NOW);
    const minutes = plan.hosts[0]?.windows.filter((w) => w.doc.resolution === '1m').map((w) => [w.doc.start, w.doc.errors.count]);
    expect(minutes).toEqual([
      [MINUTE - 60_000, 6],
      [MINUTE, 1],
    ]);
    // 15 s into the minute: 1 + 6 x 0.75.
    expect(plannedHost(plan).errorsPerMinute).toBe(5.5);
  });

  it("keeps a host's newest METRICS_KEPT_PER_HOST metrics: the longest silent goes", () => {
    const metrics = Object.fromEntries(Array.from({ length: METRICS_KEPT_PER_HOST }, (_, i) => [`m${i}`, { value: i, ts: T - 100_000 + i }]));
    const plan = planBatch(rollUp([metric('web-01', 'fresh', 1)]), state({ hosts: new Map([['web-01', hostState(storedHost({ metrics }))]]) }), NOW);
    const kept = Object.keys(plannedHost(plan).metrics);
    expect(kept).toHaveLength(METRICS_KEPT_PER_HOST);
    expect(kept).toContain('fresh');
    expect(kept).not.toContain('m0');
  });
});

describe('planBatch host state', () => {
  it('rebuilds the fields of a host document that failed their contract, and keeps what was readable', () => {
    const readable: Partial<HostDoc> = { lastSeen: T - 5_000, thresholds: { cpu: { warning: 10, critical: 20 } } };
    const doc = plannedHost(planBatch(rollUp([metric('web-01', 'cpu', 5)]), state({ hosts: new Map([['web-01', hostState(readable)]]) }), NOW));
    expect(doc).toEqual({
      host: 'web-01',
      lastSeen: T,
      metrics: { cpu: { value: 5, ts: T } },
      recentErrors: [],
      errorsPerMinute: 0,
      thresholds: { cpu: { warning: 10, critical: 20 } },
      silencedUntil: null,
      activeAlerts: {},
      breachingSince: {},
    });
  });

  it('late data updates the windows but neither the latest values nor the error rate', () => {
    const stored = storedHost({ lastSeen: T + 30_000, metrics: { cpu: { value: 50, ts: T + 30_000 } }, errorsPerMinute: 7 });
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 99), error('web-01')]), state({ hosts: new Map([['web-01', hostState(stored)]]) }), NOW);
    const doc = plannedHost(plan);
    expect(doc.metrics['cpu']).toEqual({ value: 50, ts: T + 30_000 });
    expect(doc.errorsPerMinute).toBe(7);
    expect(doc.lastSeen).toBe(T + 30_000);
    expect(plan.alerts.size).toBe(0);
    expect(plan.hosts[0]?.windows[0]?.doc.metrics['cpu']?.sum).toBe(99);
  });
});

describe('planBatch alerts', () => {
  it('opens an alert on a metric the code has never heard of, at the tenant level for it', () => {
    const withQueue = { ...policy, thresholds: { ...policy.thresholds, queue_depth: { warning: 100, critical: 500 } } };
    const plan = planBatch(rollUp([metric('web-01', 'queue_depth', 600)]), state({ policy: withQueue }), NOW);
    const id = alertId('web-01', 'queue_depth', T);
    expect(plan.alerts.get(id)).toMatchObject({ metric: 'queue_depth', level: 'critical', threshold: 500, state: 'open' });
    expect(plannedHost(plan).activeAlerts).toEqual({ queue_depth: id });
  });

  it("judges a host's override before the tenant's level", () => {
    const stored = storedHost({ thresholds: { cpu: { warning: 20, critical: 30 } } });
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 25)]), state({ hosts: new Map([['web-01', hostState(stored)]]) }), NOW);
    expect([...plan.alerts.values()]).toMatchObject([{ level: 'warning', threshold: 20 }]);
  });

  it('escalates and then resolves the alert the host points at', () => {
    const id = 'a-cpu';
    const stored = storedHost({ activeAlerts: { cpu: id } });
    const hosts = new Map([['web-01', hostState(stored)]]);
    const activeAlerts = new Map([[id, { id, doc: openCpuAlert(T - 10_000) }]]);
    const escalated = planBatch(rollUp([metric('web-01', 'cpu', 97)]), state({ hosts, activeAlerts }), NOW);
    expect(escalated.alerts.get(id)).toMatchObject({ level: 'critical', threshold: 95, peak: 97, state: 'open' });
    const resolved = planBatch(rollUp([metric('web-01', 'cpu', 10)]), state({ hosts, activeAlerts }), NOW);
    expect(resolved.alerts.get(id)).toMatchObject({ state: 'resolved', resolvedAt: T });
    expect(plannedHost(resolved).activeAlerts).toEqual({});
  });

  it('opens no alert for a silenced host', () => {
    const stored = storedHost({ silencedUntil: NOW + 60_000 });
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 99)]), state({ hosts: new Map([['web-01', hostState(stored)]]) }), NOW);
    expect(plan.alerts.size).toBe(0);
    expect(plannedHost(plan).breachingSince).toEqual({ cpu: T });
  });

  it('opens an error-rate alert from the current batch, and resolves the no-data alert the host points at', () => {
    const noData = 'a-no-data';
    const stored = storedHost({ activeAlerts: { 'no-data': noData } });
    const activeAlerts = new Map([[noData, { id: noData, doc: openCpuAlert(T - 10_000, { metric: 'no-data' }) }]]);
    const errors = Array.from({ length: 6 }, (_, i) => error('web-01', T - i));
    const plan = planBatch(rollUp(errors), state({ hosts: new Map([['web-01', hostState(stored)]]), activeAlerts }), NOW);
    expect(plan.alerts.get(noData)).toMatchObject({ state: 'resolved', resolvedReason: 'data-returned', resolvedAt: T });
    expect(plan.alerts.get(alertId('web-01', 'errors', T))).toMatchObject({ metric: 'errors', level: 'warning', lastValue: 6 });
    expect(plannedHost(plan).activeAlerts).toEqual({ errors: alertId('web-01', 'errors', T) });
  });
});

describe('planBatch digests', () => {
  it("projects each host's new state into the batch shard's digests, beside the others it held", () => {
    const other = { lastSeen: T - 9_000, metrics: {}, errorsPerMinute: 0, thresholds: {}, silencedUntil: null };
    const stored = storedHost({ thresholds: { cpu: { warning: 1, critical: 2 }, disk: { warning: 1, critical: 2 } } });
    const plan = planBatch(
      rollUp([metric('web-01', 'cpu', 5), metric('web-01', 'disk', 70)]),
      state({ hosts: new Map([['web-01', hostState(stored)]]), digests: { 'db-09': other } }),
      NOW,
    );
    expect(plan.digests.hosts).toEqual({
      'db-09': other,
      'web-01': { lastSeen: T, metrics: { cpu: { value: 5, ts: T } }, errorsPerMinute: 0, thresholds: { cpu: { warning: 1, critical: 2 } }, silencedUntil: null },
    });
  });
});
