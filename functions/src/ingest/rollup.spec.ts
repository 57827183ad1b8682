import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PROTOTYPE_MEMBER_NAMES, mergeMetricMaps, ownValue } from '@pulseboard/contracts';
import { RECENT_ERRORS_KEPT, emptyContent, rollUp, type WindowContent } from './rollup';
import type { TimedEvent } from './validate-events';

const t0 = 1_795_400_000_000;
const eventArb: fc.Arbitrary<TimedEvent> = fc.oneof(
  fc.record({
    type: fc.constant('metric' as const),
    host: fc.constantFrom('web-01', 'web-02', 'db-01'),
    metric: fc.constantFrom('cpu', 'requests'),
    value: fc.integer({ min: -1000, max: 1000 }),
    ts: fc.integer({ min: t0, max: t0 + 120_000 }),
  }),
  fc.record({
    type: fc.constant('error' as const),
    host: fc.constantFrom('web-01', 'db-01'),
    code: fc.constantFrom('E500', 'E503'),
    message: fc.constantFrom('boom', 'timeout'),
    ts: fc.integer({ min: t0, max: t0 + 120_000 }),
  }),
);

/** Two windows' contents summed, as the stored window and a batch's delta merge. */
function mergeWindowContent(a: WindowContent, b: WindowContent): WindowContent {
  return { metrics: mergeMetricMaps(a.metrics, b.metrics), errorCount: a.errorCount + b.errorCount };
}

function contents(events: readonly TimedEvent[]): Map<string, WindowContent> {
  const byKey = new Map<string, WindowContent>();
  const { hosts, fleet } = rollUp(events);
  for (const host of hosts.values()) {
    for (const [key, delta] of host.windows) byKey.set(`${host.host}/${key}`, { metrics: delta.metrics, errorCount: delta.errorCount });
  }
  // The fleet figure of a window is the sum of its shards, as the client reads it.
  for (const delta of fleet.values()) {
    const key = `fleet/${delta.slot.resolution}_${delta.slot.start}`;
    byKey.set(key, mergeWindowContent(byKey.get(key) ?? emptyContent(), delta));
  }
  return byKey;
}

describe('rollUp', () => {
  it('merging the rollups of two parts of a batch gives the rollup of the whole batch', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), fc.nat(), (events, cut) => {
        const at = cut % (events.length + 1);
        const first = contents(events.slice(0, at));
        const second = contents(events.slice(at));
        const merged = new Map(first);
        for (const [key, content] of second) merged.set(key, mergeWindowContent(merged.get(key) ?? emptyContent(), content));
        expect(merged).toEqual(contents(events));
      }),
    );
  });

  it('fills 10s, 1m and 1h windows for the host and its fleet shard', () => {
    const events: TimedEvent[] = [
      { type: 'metric', host: 'web-01', metric: 'cpu', value: 10, ts: t0 + 1_000 },
      { type: 'metric', host: 'web-01', metric: 'cpu', value: 30, ts: t0 + 2_000 },
      { type: 'error', host: 'web-01', code: 'E503', message: 'upstream timeout', ts: t0 + 3_000 },
    ];
    const { hosts, fleet } = rollUp(events);
    const host = hosts.get('web-01');
    expect(host?.lastSeen).toBe(t0 + 3_000);
    expect(host?.latest).toEqual({ cpu: { value: 30, ts: t0 + 2_000 } });
    expect([...(host?.windows.values() ?? [])].map((w) => w.slot.resolution)).toEqual(['10s', '1m', '1h']);
    for (const window of host?.windows.values() ?? []) {
      expect(window.metrics['cpu']).toEqual({ count: 2, sum: 40, min: 10, max: 30, last: 30, lastTs: t0 + 2_000 });
      expect(window.errorCount).toBe(1);
    }
    expect(fleet.size).toBe(3);
  });

  it("adds a batch of several hosts to one fleet document, its first host's, the same for a retry in another order", () => {
    const events: TimedEvent[] = ['web-07', 'db-01', 'web-03'].map((host, i) => ({ type: 'metric', host, metric: 'cpu', value: 10 * (i + 1), ts: t0 + i }));
    const { fleet, firstHost } = rollUp(events);
    expect([...fleet.values()].map((delta) => delta.slot.resolution)).toEqual(['10s', '1m', '1h']);
    expect(firstHost).toBe('db-01');
    for (const delta of fleet.values()) expect(delta.metrics['cpu']).toMatchObject({ count: 3, sum: 60 });
    const retry = rollUp([...events].reverse());
    expect(retry.firstHost).toBe('db-01');
    expect([...retry.fleet.keys()]).toEqual([...fleet.keys()]);
  });

  it('keeps only the newest errors', () => {
    const errors: TimedEvent[] = Array.from({ length: 9 }, (_, i) => ({ type: 'error', host: 'h', code: `E${i}`, message: 'm', ts: t0 + i }));
    const host = rollUp(errors).hosts.get('h');
    expect(host?.recentErrors.map((e) => e.code)).toEqual(['E8', 'E7', 'E6', 'E5', 'E4'].slice(0, RECENT_ERRORS_KEPT));
  });
});

describe('rollUp with names that are Object.prototype members', () => {
  const name = fc.constantFrom(...PROTOTYPE_MEMBER_NAMES, 'cpu', 'web-01');
  const sample = fc.record({
    type: fc.constant('metric' as const),
    host: name,
    metric: name,
    value: fc.integer({ min: -1000, max: 1000 }),
    ts: fc.integer({ min: t0, max: t0 + 5_000 }),
  });

  it('counts every sample under its own host and metric, and keeps each newest one', () => {
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 80 }), (events) => {
        const { hosts } = rollUp(events);
        const expected = new Map<string, { count: number; newestTs: number }>();
        for (const { host, metric, ts } of events) {
          const key = JSON.stringify([host, metric]);
          const seen = expected.get(key);
          expected.set(key, { count: (seen?.count ?? 0) + 1, newestTs: Math.max(seen?.newestTs ?? 0, ts) });
        }
        const found = new Map<string, { count: number; newestTs: number }>();
        for (const delta of hosts.values()) {
          const hour = [...delta.windows.values()].find((w) => w.slot.resolution === '1h');
          for (const [metric, aggregate] of Object.entries(hour?.metrics ?? {})) {
            const newestTs = ownValue(delta.latest, metric)?.ts ?? -1;
            found.set(JSON.stringify([delta.host, metric]), { count: aggregate.count, newestTs });
            expect(delta.samples.get(metric)).toHaveLength(aggregate.count);
          }
        }
        expect(found).toEqual(expected);
      }),
    );
  });
});
