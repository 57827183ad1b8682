import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLEET_LEVEL_MAX, FLEET_SHARDS, LEAF_RAISE_BATCHES_PER_MINUTE, type BatchRate } from '@pulseboard/contracts';
import { countBatch, fleetTargetOf, groupOfLeaf, raisedLevel } from './fleet-level';
import { fleetShardOf } from './fleet-shard';

const MINUTE = 60_000;
const T = 1_800_000_000_000 - (1_800_000_000_000 % MINUTE);

describe('countBatch', () => {
  it('counts the batches of the current minute and keeps the whole minute before', () => {
    let rate: BatchRate | undefined;
    for (let i = 0; i < 5; i++) rate = countBatch(rate, 2, T + i * 1_000);
    expect(rate).toEqual({ level: 2, minute: T / MINUTE, count: 5, previous: 0 });
    rate = countBatch(rate, 2, T + MINUTE + 10);
    expect(rate).toEqual({ level: 2, minute: T / MINUTE + 1, count: 1, previous: 5 });
    // A minute with no batch in between: the one before it is forgotten.
    expect(countBatch(rate, 2, T + 3 * MINUTE)).toEqual({ level: 2, minute: T / MINUTE + 3, count: 1, previous: 0 });
  });

  it("starts again at a new level: a leaf kept through a raise does not carry the busier leaf's count into the next raise", () => {
    const busy: BatchRate = { level: 2, minute: T / MINUTE, count: LEAF_RAISE_BATCHES_PER_MINUTE, previous: LEAF_RAISE_BATCHES_PER_MINUTE };
    const after = countBatch(busy, 3, T + 1_000);
    expect(after).toEqual({ level: 3, minute: T / MINUTE, count: 1, previous: 0 });
    expect(raisedLevel(after, 3)).toBeUndefined();
  });

  it("adds a batch whose clock is behind another instance's to the minute already counted", () => {
    expect(countBatch({ level: 0, minute: T / MINUTE + 1, count: 3, previous: 2 }, 0, T + 59_000)).toEqual({ level: 0, minute: T / MINUTE + 1, count: 4, previous: 2 });
  });
});

describe('raisedLevel', () => {
  it('raises by one at LEAF_RAISE_BATCHES_PER_MINUTE batches in the current or the last minute, never past FLEET_LEVEL_MAX', () => {
    const below = LEAF_RAISE_BATCHES_PER_MINUTE - 1;
    expect(raisedLevel({ level: 0, minute: 1, count: below, previous: below }, 0)).toBeUndefined();
    expect(raisedLevel({ level: 0, minute: 1, count: LEAF_RAISE_BATCHES_PER_MINUTE, previous: 0 }, 0)).toBe(1);
    expect(raisedLevel({ level: 3, minute: 1, count: 1, previous: LEAF_RAISE_BATCHES_PER_MINUTE }, 3)).toBe(4);
    expect(raisedLevel({ level: FLEET_LEVEL_MAX, minute: 1, count: 10_000, previous: 10_000 }, FLEET_LEVEL_MAX)).toBeUndefined();
  });

  it('raises a document fed at a steady rate exactly when that rate reaches LEAF_RAISE_BATCHES_PER_MINUTE', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (perMinute) => {
        let rate: BatchRate | undefined;
        let raised: number | undefined;
        for (let i = 0; i < 3 * perMinute && raised === undefined; i++) {
          rate = countBatch(rate, 0, T + Math.floor((i * MINUTE) / perMinute));
          raised = raisedLevel(rate, 0);
        }
        expect(raised !== undefined).toBe(perMinute >= LEAF_RAISE_BATCHES_PER_MINUTE);
      }),
    );
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
