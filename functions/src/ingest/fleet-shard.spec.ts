import { describe, expect, it } from 'vitest';
import { FLEET_SHARDS } from '@pulseboard/contracts';
import { fleetShardOf } from './fleet-shard';

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
