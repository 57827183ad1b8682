import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLEET_LEVEL_MAX, FLEET_SHARDS, LEAF_RAISE_BATCHES_PER_MINUTE, type BatchRate } from '@pulseboard/contracts';
import { countBatch, fleetTargetOf, goesUpper, groupOfLeaf, raisedLevel } from './fleet-level';
import { fleetLeafOf, fleetShardOf } from './fleet-shard';

const MINUTE = 60_000;
const T = 1_800_000_000_000 - (1_800_000_000_000 % MINUTE);

describe('countBatch', () => {
  it('counts the batches of the current minute, and those a raise would move, and keeps the whole minute before', () => {
    let rate: BatchRate | undefined;
    for (let i = 0; i < 5; i++) rate = countBatch(rate, 2, T + i * 1_000, i % 2 === 0);
    expect(rate).toEqual({ level: 2, minute: T / MINUTE, count: 5, upper: 3, previous: 0, previousUpper: 0 });
    rate = countBatch(rate, 2, T + MINUTE + 10, false);
    expect(rate).toEqual({ level: 2, minute: T / MINUTE + 1, count: 1, upper: 0, previous: 5, previousUpper: 3 });
    // A minute with no batch in between: the one before it is forgotten.
    expect(countBatch(rate, 2, T + 3 * MINUTE, true)).toEqual({ level: 2, minute: T / MINUTE + 3, count: 1, upper: 1, previous: 0, previousUpper: 0 });
  });

  it("adds a batch whose clock is behind another instance's to the minute already counted", () => {
    const later: BatchRate = { level: 0, minute: T / MINUTE + 1, count: 3, upper: 1, previous: 2, previousUpper: 0 };
    expect(countBatch(later, 0, T + 59_000, true)).toEqual({ ...later, count: 4, upper: 2 });
  });

  it("starts again at a new level: a leaf kept through a raise does not carry the busier leaf's count into the next raise", () => {
    const busy: BatchRate = { level: 2, minute: T / MINUTE, count: LEAF_RAISE_BATCHES_PER_MINUTE, upper: 7, previous: LEAF_RAISE_BATCHES_PER_MINUTE, previousUpper: 7 };
    const after = countBatch(busy, 3, T + 1_000, true);
    expect(after).toEqual({ level: 3, minute: T / MINUTE, count: 1, upper: 1, previous: 0, previousUpper: 0 });
    expect(raisedLevel(after, 3)).toBeUndefined();
  });
});

describe('raisedLevel', () => {
  const rate = (count: number, upper: number, previous = 0, previousUpper = 0): BatchRate => ({ level: 0, minute: 1, count, upper, previous, previousUpper });

  it('raises by one at LEAF_RAISE_BATCHES_PER_MINUTE batches in the current or the last minute that a raise would split, never past FLEET_LEVEL_MAX', () => {
    const busy = LEAF_RAISE_BATCHES_PER_MINUTE;
    expect(raisedLevel(rate(busy - 1, 20, busy - 1, 20), 0)).toBeUndefined();
    expect(raisedLevel(rate(busy, 1), 0)).toBe(1);
    expect(raisedLevel(rate(1, 0, busy, busy - 1), 3)).toBe(4);
    expect(raisedLevel(rate(10_000, 5_000, 10_000, 5_000), FLEET_LEVEL_MAX)).toBeUndefined();
  });

  it('never raises for batches that would all stay in one document: one agent posting every second writes one leaf at every level', () => {
    const busy = 2 * LEAF_RAISE_BATCHES_PER_MINUTE;
    expect(raisedLevel(rate(busy, 0, busy, 0), 0)).toBeUndefined();
    expect(raisedLevel(rate(busy, busy, busy, busy), 2)).toBeUndefined();
  });

  it('raises a document fed at a steady rate by two agents exactly when that rate reaches LEAF_RAISE_BATCHES_PER_MINUTE', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (perMinute) => {
        let batches: BatchRate | undefined;
        let raised: number | undefined;
        for (let i = 0; i < 3 * perMinute && raised === undefined; i++) {
          batches = countBatch(batches, 0, T + Math.floor((i * MINUTE) / perMinute), i % 2 === 1);
          raised = raisedLevel(batches, 0);
        }
        expect(raised !== undefined).toBe(perMinute >= LEAF_RAISE_BATCHES_PER_MINUTE);
      }),
    );
  });
});

describe('goesUpper', () => {
  it("says which of its document's two halves at the next level a batch's first host goes to", () => {
    const hosts = Array.from({ length: 400 }, (_, i) => `host-${i}`);
    for (const level of [0, 3]) {
      const count = FLEET_SHARDS * 2 ** level;
      for (const host of hosts) expect(goesUpper(fleetTargetOf(host, level), host)).toBe(fleetLeafOf(host, level + 1) === fleetLeafOf(host, level) + count);
    }
    expect(hosts.some((host) => goesUpper(fleetTargetOf(host, 0), host))).toBe(true);
    expect(goesUpper(fleetTargetOf('host-1', FLEET_LEVEL_MAX), 'host-1')).toBe(false);
    expect(goesUpper(fleetTargetOf(undefined, 0), undefined)).toBe(false);
  });
});

describe('fleetTargetOf', () => {
  it("names the first host's shard at level 0 and its leaf, in the same group, past it", () => {
    for (const host of ['web-01', 'db-7', 'ip-10-0-0-1.ec2.internal']) {
      expect(fleetTargetOf(host, 0)).toEqual({ level: 0, leaf: fleetShardOf(host) });
      for (let level = 1; level <= FLEET_LEVEL_MAX; level++) expect(groupOfLeaf(fleetTargetOf(host, level).leaf)).toBe(fleetShardOf(host));
    }
    expect(fleetTargetOf(undefined, 2)).toEqual({ level: 2, leaf: 0 });
    expect(groupOfLeaf(FLEET_SHARDS + 5)).toBe(5);
  });
});
