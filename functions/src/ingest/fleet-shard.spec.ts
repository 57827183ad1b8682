import { describe, expect, it } from 'vitest';
import { FLEET_LEVEL_MAX, FLEET_SHARDS, fleetLeafCount } from '@pulseboard/contracts';
import { fleetLeafOf, fleetShardOf } from './fleet-shard';

describe('fleetShardOf', () => {
  it('is stable and in range', () => {
    expect(fleetShardOf('web-01')).toBe(fleetShardOf('web-01'));
    for (let i = 0; i < 1000; i++) {
      const shard = fleetShardOf(`host-${i}`);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(FLEET_SHARDS);
    }
  });

  it('spreads 200 hosts so that no shard takes more than 8 (1.6 writes/s at one post per 5 s)', () => {
    const perShard = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const shard = fleetShardOf(`agent-${String(i).padStart(3, '0')}`);
      perShard.set(shard, (perShard.get(shard) ?? 0) + 1);
    }
    expect(Math.max(...perShard.values())).toBeLessThanOrEqual(8);
    expect(perShard.size).toBeGreaterThan(FLEET_SHARDS / 2);
  });
});

describe('fleetLeafOf', () => {
  const hosts = Array.from({ length: 2_000 }, (_, i) => `host-${i}`);

  it("keeps every host in its level-0 shard at every level, so a raise only splits a shard's leaves", () => {
    for (let level = 0; level <= FLEET_LEVEL_MAX; level++) {
      for (const host of hosts) {
        const leaf = fleetLeafOf(host, level);
        expect(leaf).toBeLessThan(fleetLeafCount(level));
        expect(leaf % FLEET_SHARDS).toBe(fleetShardOf(host));
        if (level > 0) expect(leaf % fleetLeafCount(level - 1)).toBe(fleetLeafOf(host, level - 1));
      }
    }
  });
});
