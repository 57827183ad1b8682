import { describe, expect, it } from 'vitest';
import { FLEET_LEVEL_MAX, LEAF_RAISE_BATCHES_PER_MINUTE, METRICS_KEPT_PER_HOST, sampleAggregate, type HostWindow, type StoredHostDoc } from '@pulseboard/contracts';
import { alertId } from '../alerts/evaluate-alert';
import { planBatch, type StoredHost, type StoredState } from './plan-batch';
import { noRecentWindows } from './rolling-windows';
import { rollUp } from './rollup';
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
  return { policy, hosts: new Map(), fleetTarget: { level: 0, leaf: 7 }, fleet: {}, activeAlerts: new Map(), ...overrides };
}

/** A window holding one cpu sample at T. */
function window(start: number, cpu: number): HostWindow {
  return { start, errorCount: 0, metrics: { cpu: sampleAggregate(cpu, T) } };
}

function storedHost(overrides: Partial<StoredHostDoc> = {}): StoredHostDoc {
  return {
    host: 'web-01',
    lastSeen: T - 5_000,
    metrics: {},
    recentErrors: [],
    errorsPerMinute: 0,
    thresholds: {},
    silencedUntil: null,
    activeAlerts: {},
    windows: noRecentWindows(),
    appliedBatches: [],
    ...overrides,
  };
}

function plannedHost(plan: ReturnType<typeof planBatch>, host = 'web-01'): StoredHostDoc {
  const doc = plan.hosts.find((planned) => planned.doc.host === host)?.doc;
  if (doc === undefined) throw new Error(`no plan for ${host}`);
  return doc;
}

describe('planBatch windows', () => {
  it("writes a new host's windows of every resolution into its document, and its fleet shard's, from the batch alone", () => {
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 40), metric('web-01', 'cpu', 60, T + 1)]), state(), NOW);
    const { windows } = plannedHost(plan);
    expect(Object.entries(windows).map(([resolution, kept]) => [resolution, kept.length])).toEqual([
      ['10s', 1],
      ['1m', 1],
      ['1h', 1],
    ]);
    expect(windows['1m'][0]).toEqual({ start: MINUTE, errorCount: 0, metrics: { cpu: { count: 2, sum: 100, min: 40, max: 60, last: 60, lastTs: T + 1 } } });
    expect(plan.hosts[0]?.chunks).toEqual([]);
    const shard = plan.fleet.doc.windows;
    expect([shard['10s'], shard['1m'], shard['1h']].map((kept) => kept.map((w) => w.metrics['cpu']?.sum))).toEqual([[100], [100], [100]]);
    expect(plan.fleet.chunks).toEqual([]);
  });

  it('adds the batch to what each window held: the aggregates stay exact', () => {
    const rollup = rollUp([metric('web-01', 'cpu', 10), error('web-01')]);
    const held = { metrics: { cpu: sampleAggregate(30, T - 1_000) }, errorCount: 2 };
    const windows = { ...noRecentWindows(), '1m': [{ start: MINUTE, metrics: held.metrics, errorCount: 2 }] };
    const plan = planBatch(rollup, state({ hosts: new Map([['web-01', storedHost({ windows })]]), fleet: { windows } }), NOW);
    const minute = plannedHost(plan).windows['1m'][0];
    expect(minute?.metrics['cpu']).toEqual({ count: 2, sum: 40, min: 10, max: 30, last: 10, lastTs: T });
    expect(minute?.errorCount).toBe(3);
    expect(plan.fleet.doc.windows['1m'][0]).toMatchObject({ start: MINUTE, metrics: { cpu: { count: 2, sum: 40 } }, errorCount: 3 });
  });

  it('writes a batch straddling a minute boundary into both minutes, and its error rate counts the earlier one as merged', () => {
    const earlier = MINUTE - 10_000;
    const rollup = rollUp([error('web-01', earlier), error('web-01', earlier + 1), error('web-01', T)]);
    // The stored previous minute held 4 errors; the batch's merge of it holds 6.
    const windows = { ...noRecentWindows(), '1m': [{ start: MINUTE - 60_000, metrics: {}, errorCount: 4 }] };
    const plan = planBatch(rollup, state({ hosts: new Map([['web-01', storedHost({ windows })]]) }), NOW);
    expect(plannedHost(plan).windows['1m'].map((w) => [w.start, w.errorCount])).toEqual([
      [MINUTE - 60_000, 6],
      [MINUTE, 1],
    ]);
    // 15 s into the minute: 1 + 6 x 0.75.
    expect(plannedHost(plan).errorsPerMinute).toBe(5.5);
  });

  it("counts the previous minute's errors from the host's recent windows when the batch does not touch it", () => {
    const windows = { ...noRecentWindows(), '1m': [{ start: MINUTE - 60_000, metrics: {}, errorCount: 8 }] };
    const plan = planBatch(rollUp([error('web-01', T)]), state({ hosts: new Map([['web-01', storedHost({ windows })]]) }), NOW);
    // 15 s into the minute: 1 + 8 x 0.75.
    expect(plannedHost(plan).errorsPerMinute).toBe(7);
  });

  /**
   * Windows 18 minutes after a 10-minute chunk of 1 m windows ended (so it is closed), with the next
   * chunk's first window begun 18 minutes ago (not closed: a chunk leaves whole), and a 10 s window
   * past the lateness limit beside a recent one.
   */
  function pastAClosedChunk() {
    const closedChunk = MINUTE - 30 * 60_000 - ((MINUTE - 30 * 60_000) % 600_000);
    const now = closedChunk + 10 * 60_000 + 18 * 60_000;
    const tenSeconds = (ts: number) => ts - (ts % 10_000);
    const windows = {
      '10s': [window(tenSeconds(now - 17 * 60_000), 1), window(tenSeconds(now - 60_000), 2)],
      '1m': [window(closedChunk, 3), window(closedChunk + 9 * 60_000, 4), window(closedChunk + 10 * 60_000, 5)],
      '1h': [],
    };
    return { closedChunk, now, tenSeconds, windows };
  }

  it('archives a chunk of 1 m windows whole once the last of them is past the lateness limit, and drops closed 10 s windows', () => {
    // 18 minutes after a 10-minute chunk ended, the first is closed; the next, begun 18 minutes ago,
    // is not, though its first window ended more than 16 minutes ago: a chunk leaves whole.
    const { closedChunk, now, tenSeconds, windows } = pastAClosedChunk();
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 9, now - 1_000)]), state({ hosts: new Map([['web-01', storedHost({ windows })]]) }), now);
    const kept = plannedHost(plan).windows;
    expect(kept['10s'].map((w) => w.start)).toEqual([tenSeconds(now - 60_000), tenSeconds(now - 1_000)]);
    expect(kept['1m'].map((w) => w.start)).toEqual([closedChunk + 10 * 60_000, now - 60_000]);
    expect(plan.hosts[0]?.chunks).toEqual([
      { host: 'web-01', resolution: '1m', start: closedChunk, end: closedChunk + 600_000, expiresAt: closedChunk + 600_000 + 48 * 3_600_000, windows: [window(closedChunk, 3), window(closedChunk + 9 * 60_000, 4)] },
    ]);
  });

  it("archives and drops the fleet shard's windows by the same rule, under the shard's own policy", () => {
    const { closedChunk, now, tenSeconds, windows } = pastAClosedChunk();
    const rollup = rollUp([metric('web-01', 'cpu', 9, now - 1_000), metric('web-01', 'disk', 50, now - 1_000)]);
    const plan = planBatch(rollup, state({ fleet: { windows } }), now);
    const kept = plan.fleet.doc.windows;
    expect(kept['10s'].map((w) => w.start)).toEqual([tenSeconds(now - 60_000), tenSeconds(now - 1_000)]);
    // The fleet's 10 s windows keep the card metrics only; its 1 m windows every metric up to their bound.
    expect(Object.keys(kept['10s'][1]?.metrics ?? {})).toEqual(['cpu']);
    expect(Object.keys(kept['1m'][1]?.metrics ?? {}).sort()).toEqual(['cpu', 'disk']);
    expect(kept['1m'].map((w) => w.start)).toEqual([closedChunk + 10 * 60_000, now - 60_000]);
    expect(plan.fleet.chunks).toEqual([
      { shard: 7, resolution: '1m', start: closedChunk, end: closedChunk + 600_000, expiresAt: closedChunk + 600_000 + 48 * 3_600_000, windows: [window(closedChunk, 3), window(closedChunk + 9 * 60_000, 4)] },
    ]);
  });

  it("keeps the fleet's 10 s windows only while the sparkline may show them, the host's for the whole lateness limit", () => {
    const tenSeconds = (ts: number) => ts - (ts % 10_000);
    const fiveMinutesAgo = NOW - 5 * 60_000;
    const tenMinutesAgo = NOW - 10 * 60_000;
    const stored = { ...noRecentWindows(), '10s': [window(tenSeconds(tenMinutesAgo), 1), window(tenSeconds(fiveMinutesAgo), 2)] };
    const late = [metric('web-01', 'cpu', 7, tenMinutesAgo), metric('web-01', 'cpu', 8, fiveMinutesAgo)];
    const plan = planBatch(rollUp(late), state({ hosts: new Map([['web-01', storedHost({ windows: stored })]]), fleet: { windows: stored } }), NOW);
    expect(plannedHost(plan).windows['10s'].map((w) => w.start)).toEqual([tenSeconds(tenMinutesAgo), tenSeconds(fiveMinutesAgo)]);
    expect(plan.fleet.doc.windows['10s'].map((w) => w.start)).toEqual([tenSeconds(fiveMinutesAgo)]);
    // The 10-minute-old sample still counts in the shard's minute window.
    expect(plan.fleet.doc.windows['1m'].find((w) => w.start === tenMinutesAgo - (tenMinutesAgo % 60_000))?.metrics['cpu']?.count).toBe(1);
  });

  it('keeps a late sample in its window, which stays in the host document while a batch may still add to it', () => {
    const late = NOW - 14 * 60_000;
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 7, late)]), state({ hosts: new Map([['web-01', storedHost({ lastSeen: T })]]) }), NOW);
    expect(plannedHost(plan).windows['1m']).toEqual([{ start: late - (late % 60_000), errorCount: 0, metrics: { cpu: sampleAggregate(7, late) } }]);
    expect(plan.hosts[0]?.chunks).toEqual([]);
  });

  it('remembers the batch id in every host it writes, with the time its events were judged at', () => {
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 1), metric('db-01', 'cpu', 2)]), state(), NOW, 'agent-1:7');
    expect(plan.hosts.map((planned) => [planned.doc.host, planned.doc.appliedBatches])).toEqual([
      ['web-01', [{ id: 'agent-1:7', appliedAt: NOW }]],
      ['db-01', [{ id: 'agent-1:7', appliedAt: NOW }]],
    ]);
  });

  it("keeps a host's newest METRICS_KEPT_PER_HOST metrics: the longest silent goes", () => {
    const metrics = Object.fromEntries(Array.from({ length: METRICS_KEPT_PER_HOST }, (_, i) => [`m${i}`, { value: i, ts: T - 100_000 + i }]));
    const plan = planBatch(rollUp([metric('web-01', 'fresh', 1)]), state({ hosts: new Map([['web-01', storedHost({ metrics })]]) }), NOW);
    const kept = Object.keys(plannedHost(plan).metrics);
    expect(kept).toHaveLength(METRICS_KEPT_PER_HOST);
    expect(kept).toContain('fresh');
    expect(kept).not.toContain('m0');
  });
});

describe('planBatch host state', () => {
  it('rebuilds the fields of a host document that failed their contract, and keeps what was readable', () => {
    const readable: StoredHost = { lastSeen: T - 5_000, thresholds: { cpu: { warning: 10, critical: 20 } } };
    const doc = plannedHost(planBatch(rollUp([metric('web-01', 'cpu', 5)]), state({ hosts: new Map([['web-01', readable]]) }), NOW));
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
      windows: { '10s': [window(T - (T % 10_000), 5)], '1m': [window(MINUTE, 5)], '1h': [window(T - (T % 3_600_000), 5)] },
      appliedBatches: [],
    });
  });

  it('late data updates the windows but neither the latest values nor the error rate', () => {
    const stored = storedHost({ lastSeen: T + 30_000, metrics: { cpu: { value: 50, ts: T + 30_000 } }, errorsPerMinute: 7 });
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 99), error('web-01')]), state({ hosts: new Map([['web-01', stored]]) }), NOW);
    const doc = plannedHost(plan);
    expect(doc.metrics['cpu']).toEqual({ value: 50, ts: T + 30_000 });
    expect(doc.errorsPerMinute).toBe(7);
    expect(doc.lastSeen).toBe(T + 30_000);
    expect(plan.alerts.size).toBe(0);
    expect(doc.windows['10s'][0]?.metrics['cpu']?.sum).toBe(99);
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
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 25)]), state({ hosts: new Map([['web-01', stored]]) }), NOW);
    expect([...plan.alerts.values()]).toMatchObject([{ level: 'warning', threshold: 20 }]);
  });

  it('escalates and then resolves the alert the host points at', () => {
    const id = 'a-cpu';
    const stored = storedHost({ activeAlerts: { cpu: id } });
    const hosts = new Map([['web-01', stored]]);
    const activeAlerts = new Map([[id, { id, doc: openCpuAlert(T - 10_000) }]]);
    const escalated = planBatch(rollUp([metric('web-01', 'cpu', 97)]), state({ hosts, activeAlerts }), NOW);
    expect(escalated.alerts.get(id)).toMatchObject({ level: 'critical', threshold: 95, peak: 97, state: 'open' });
    const resolved = planBatch(rollUp([metric('web-01', 'cpu', 10)]), state({ hosts, activeAlerts }), NOW);
    expect(resolved.alerts.get(id)).toMatchObject({ state: 'resolved', resolvedAt: T });
    expect(plannedHost(resolved).activeAlerts).toEqual({});
  });

  it('opens no alert for a silenced host', () => {
    const stored = storedHost({ silencedUntil: NOW + 60_000 });
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 99)]), state({ hosts: new Map([['web-01', stored]]) }), NOW);
    expect(plan.alerts.size).toBe(0);
    expect(plannedHost(plan).breachingSince).toEqual({ cpu: T });
  });

  it('opens no alert for a host under maintenance, and still opens one for a host of the same batch that is not', () => {
    const underMaintenance = new Map([['web-01', 'mw-1']]);
    const plan = planBatch(rollUp([metric('web-01', 'cpu', 99), metric('db-01', 'cpu', 99)]), state({ underMaintenance }), NOW);
    expect([...plan.alerts.values()].map((alert) => alert.host)).toEqual(['db-01']);
    expect(plannedHost(plan).breachingSince).toEqual({ cpu: T });
  });

  it('escalates and resolves the alert a host under maintenance already had open', () => {
    const id = 'a-cpu';
    const hosts = new Map([['web-01', storedHost({ activeAlerts: { cpu: id } })]]);
    const activeAlerts = new Map([[id, { id, doc: openCpuAlert(T - 10_000) }]]);
    const underMaintenance = new Map([['web-01', 'mw-1']]);
    const escalated = planBatch(rollUp([metric('web-01', 'cpu', 97)]), state({ hosts, activeAlerts, underMaintenance }), NOW);
    expect(escalated.alerts.get(id)).toMatchObject({ level: 'critical', state: 'open' });
    const resolved = planBatch(rollUp([metric('web-01', 'cpu', 10)]), state({ hosts, activeAlerts, underMaintenance }), NOW);
    expect(resolved.alerts.get(id)).toMatchObject({ state: 'resolved' });
  });

  it('opens an error-rate alert from the current batch, and resolves the no-data alert the host points at', () => {
    const noData = 'a-no-data';
    const stored = storedHost({ activeAlerts: { 'no-data': noData } });
    const activeAlerts = new Map([[noData, { id: noData, doc: openCpuAlert(T - 10_000, { metric: 'no-data' }) }]]);
    const errors = Array.from({ length: 6 }, (_, i) => error('web-01', T - i));
    const plan = planBatch(rollUp(errors), state({ hosts: new Map([['web-01', stored]]), activeAlerts }), NOW);
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
      state({ hosts: new Map([['web-01', stored]]), fleet: { hosts: { 'db-09': other } } }),
      NOW,
    );
    expect(plan.fleet.doc.hosts).toEqual({
      'db-09': other,
      // Other metrics' values are kept (a few: host-digests.spec), their overrides are not.
      'web-01': { lastSeen: T, metrics: { cpu: { value: 5, ts: T }, disk: { value: 70, ts: T } }, errorsPerMinute: 0, thresholds: { cpu: { warning: 1, critical: 2 } }, silencedUntil: null },
    });
  });
});

describe('planBatch fleet level', () => {
  it("writes level 0's shard without a group and a leaf past it with its group, counting the batch in each", () => {
    const rollup = rollUp([metric('web-01', 'cpu', 5)]);
    const shard = planBatch(rollup, state({ fleetTarget: { level: 0, leaf: 9 } }), NOW).fleet.doc;
    expect(shard).toMatchObject({ shard: 9, batchRate: { level: 0, minute: MINUTE / 60_000, count: 1, previous: 0 } });
    expect(shard).not.toHaveProperty('group');
    const leaf = planBatch(rollup, state({ fleetTarget: { level: 2, leaf: 137 }, fleet: { batchRate: { level: 2, minute: MINUTE / 60_000, count: 4, upper: 2, previous: 9, previousUpper: 4 } } }), NOW).fleet;
    expect(leaf.doc).toMatchObject({ shard: 137, group: 9, batchRate: { level: 2, minute: MINUTE / 60_000, count: 5, previous: 9 } });
    expect(leaf.raiseLevelTo).toBeUndefined();
  });

  it('raises the tenant one level with the batch that makes its document pass LEAF_RAISE_BATCHES_PER_MINUTE in a minute', () => {
    const rollup = rollUp([metric('web-01', 'cpu', 5)]);
    const busy = (level: number) => ({ batchRate: { level, minute: MINUTE / 60_000, count: LEAF_RAISE_BATCHES_PER_MINUTE - 1, upper: 10, previous: 0, previousUpper: 0 } });
    expect(planBatch(rollup, state({ fleetTarget: { level: 1, leaf: 70 }, fleet: busy(1) }), NOW).fleet.raiseLevelTo).toBe(2);
    expect(planBatch(rollup, state({ fleetTarget: { level: FLEET_LEVEL_MAX, leaf: 70 }, fleet: busy(FLEET_LEVEL_MAX) }), NOW).fleet.raiseLevelTo).toBeUndefined();
  });
});
