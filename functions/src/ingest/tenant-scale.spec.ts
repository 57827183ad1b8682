import { describe, expect, it } from 'vitest';
import { HOST_DIGESTS_KEPT_PER_SHARD, LIVE_SLOT_MS } from '@pulseboard/contracts';
import { SWEEP_SHARDS, sweepShardOf } from '../alerts/sweep-shard';
import { fleetTargetOf, goesUpper, raisedLevel } from './fleet-level';

/**
 * docs/DATA-MODEL.md, "Scale of one tenant": the sustained writes a second of each document of a
 * tenant whose hosts report every 10 s (Telegraf's default flush), computed from the contracts'
 * constants, from the fleet document each batch really picks (fleetTargetOf: FNV-1a of its first
 * host) and from the level ingest's rule raises the tenant to, for host names as fleets name them. Sizes do not grow with the fleet past the bounds their own specs prove
 * (host-document-size, fleet-shard-size, fold-live-overview): what this spec checks of them is
 * that a 10,000-host tenant stays inside those bounds.
 */
const HOSTS = 10_000;
const FLUSH_S = 10;
const HOSTS_PER_COLLECTOR = 50;
/** Firestore's advice for one document: about one sustained write a second. */
const WRITES_PER_SECOND_MAX = 1;
/** Firestore's advice for a collection with a monotonically increasing indexed field: about 500 writes a second to its range. */
const MONOTONIC_INDEX_WRITES_PER_SECOND_MAX = 500;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Host names as fleets have them: the benches' agents, AWS private DNS names, role-region-number, Kubernetes nodes. */
const NAMINGS: Readonly<Record<string, (i: number) => string>> = {
  'bench agents': (i) => `agent-${pad(i, 4)}`,
  'EC2 private DNS': (i) => `ip-10-${(i >> 8) & 255}-${i & 255}-${(i * 7) % 250 + 1}.ec2.internal`,
  'role-region-number': (i) => `${['web', 'db', 'cache', 'api', 'worker'][i % 5] ?? 'web'}-${i % 2 === 0 ? 'us-east-1' : 'eu-west-1'}-${pad(Math.floor(i / 10), 4)}`,
  'Kubernetes nodes': (i) => `gke-prod-pool-${i % 4}-${((i * 2_654_435_761) >>> 0).toString(16).padStart(8, '0')}-${(i % 1_679_616).toString(36).padStart(4, '0')}`,
};

/** The fleet document each batch picks at a fleet level, as ingest picks it: the leaf of the batch's first host by name. */
function leafOf(hosts: readonly string[], level: number): number {
  return fleetTargetOf([...hosts].sort()[0], level).leaf;
}

/** Batches a flush interval per fleet document at a level, for agents each reporting `hostsPerAgent` of the fleet's hosts. */
function batchesPerLeaf(names: readonly string[], hostsPerAgent: number, level: number): Map<number, number> {
  const perLeaf = new Map<number, number>();
  for (let first = 0; first < names.length; first += hostsPerAgent) {
    const leaf = leafOf(names.slice(first, first + hostsPerAgent), level);
    perLeaf.set(leaf, (perLeaf.get(leaf) ?? 0) + 1);
  }
  return perLeaf;
}

/**
 * The level a tenant settles at under a steady load: ingest raises it by one while a fleet document
 * takes LEAF_RAISE_BATCHES_PER_MINUTE batches a minute that a raise would split (fleet-level.ts),
 * up to FLEET_LEVEL_MAX.
 */
function settledLevel(names: readonly string[], hostsPerAgent: number): number {
  const firstHosts: string[] = [];
  for (let first = 0; first < names.length; first += hostsPerAgent) firstHosts.push([...names.slice(first, first + hostsPerAgent)].sort()[0] ?? '');
  let level = 0;
  const raises = () => {
    const perLeaf = new Map<number, { count: number; upper: number }>();
    for (const host of firstHosts) {
      const target = fleetTargetOf(host, level);
      const leaf = perLeaf.get(target.leaf) ?? { count: 0, upper: 0 };
      perLeaf.set(target.leaf, { count: leaf.count + 1, upper: leaf.upper + (goesUpper(target, host) ? 1 : 0) });
    }
    const batchesPerMinute = 60 / FLUSH_S;
    return [...perLeaf.values()].some(({ count, upper }) => raisedLevel({ level, minute: 0, count: count * batchesPerMinute, upper: upper * batchesPerMinute, previous: 0, previousUpper: 0 }, level) !== undefined);
  };
  while (raises()) level += 1;
  return level;
}

/** Sustained writes a second of each kind of document at the level the tenant settles at, and the most host digests one shard holds. */
function tenantLoad(names: readonly string[], hostsPerAgent: number) {
  const level = settledLevel(names, hostsPerAgent);
  const busiestLeaf = Math.max(...batchesPerLeaf(names, hostsPerAgent, level).values());
  // A shard holds the digests of every host its batches (level 0) or its leaves' batches named.
  const digestsPerShard = new Map<number, number>();
  for (let first = 0; first < names.length; first += hostsPerAgent) {
    const shard = leafOf(names.slice(first, first + hostsPerAgent), 0);
    digestsPerShard.set(shard, (digestsPerShard.get(shard) ?? 0) + Math.min(hostsPerAgent, names.length - first));
  }
  const oncePerSlot = 1_000 / LIVE_SLOT_MS;
  return {
    level,
    writesPerSecond: {
      // Every batch of a host writes its document (its windows, its exactly-once marker inside).
      host: 1 / FLUSH_S,
      // Every batch writes its leaf (its shard at level 0).
      fleetLeaf: busiestLeaf / FLUSH_S,
      // Past level 0 the tenant's fold writes a changed shard and its group's parts once a slot (one task id per tenant and slot).
      ...(level > 0 ? { fleetShard: oncePerSlot, fleetGroupParts: oncePerSlot } : {}),
      // One fold a slot per tenant writes each once (one task id per tenant and slot).
      liveOverview: oncePerSlot,
      liveOverviewParts: oncePerSlot,
    },
    digestsInBusiestShard: Math.max(...digestsPerShard.values()),
  };
}

function fleet(naming: (i: number) => string, hosts: number): string[] {
  return Array.from({ length: hosts }, (_, i) => naming(i));
}

describe(`a tenant of ${HOSTS} hosts flushing every ${FLUSH_S} s`, () => {
  for (const [naming, nameOf] of Object.entries(NAMINGS)) {
    it(`keeps every document under one write a second behind collectors of ${HOSTS_PER_COLLECTOR}, at level 0 (${naming})`, () => {
      const load = tenantLoad(fleet(nameOf, HOSTS), HOSTS_PER_COLLECTOR);
      expect(load.level).toBe(0);
      for (const rate of Object.values(load.writesPerSecond)) expect(rate).toBeLessThanOrEqual(WRITES_PER_SECOND_MAX);
      // Every shard's digests within what the shard keeps, so fleet-shard-size.spec's worst case bounds its size.
      expect(load.digestsInBusiestShard).toBeLessThanOrEqual(HOST_DIGESTS_KEPT_PER_SHARD);
    });
  }

  it('with an agent per host, settles at a level where every document is under its size bound and under one write a second', () => {
    const loads = Object.values(NAMINGS).map((nameOf) => tenantLoad(fleet(nameOf, HOSTS), 1));
    for (const { writesPerSecond, digestsInBusiestShard } of loads) {
      for (const rate of Object.values(writesPerSecond)) expect(rate).toBeLessThanOrEqual(WRITES_PER_SECOND_MAX);
      expect(digestsInBusiestShard).toBeLessThanOrEqual(HOST_DIGESTS_KEPT_PER_SHARD);
    }
    // The figures DATA-MODEL states, by naming: the level settled at, and the busiest leaf's writes a second.
    expect(loads.map((load) => [load.level, load.writesPerSecond.fleetLeaf])).toEqual([[6, 0.8], [6, 0.9], [6, 0.8], [6, 0.9]]);
  });

  it('with an agent per host, keeps every fleet document under one write a second up to the fleet DATA-MODEL states', () => {
    // The largest fleet (in steps of 1,000 hosts) whose busiest leaf stays under the advice for every naming.
    let largest = 0;
    for (let hosts = 1_000; hosts <= 3 * HOSTS; hosts += 1_000) {
      const within = Object.values(NAMINGS).every((nameOf) => tenantLoad(fleet(nameOf, hosts), 1).writesPerSecond.fleetLeaf <= WRITES_PER_SECOND_MAX);
      if (!within) break;
      largest = hosts;
    }
    expect(largest).toBe(25_000);
  }, 60_000);

  it("spreads the hosts' lastSeen index writes over the sweep shards, each range under the advice for a monotonic field", () => {
    // Every batch writes its hosts' lastSeen: 1,000 writes a second in all, one range were lastSeen indexed alone.
    const busiestRange = Object.values(NAMINGS).map((nameOf) => {
      const hostsPerShard = new Map<number, number>();
      for (const host of fleet(nameOf, HOSTS)) hostsPerShard.set(sweepShardOf(host), (hostsPerShard.get(sweepShardOf(host)) ?? 0) + 1);
      expect(hostsPerShard.size).toBe(SWEEP_SHARDS);
      return Math.max(...hostsPerShard.values()) / FLUSH_S;
    });
    for (const rate of busiestRange) expect(rate).toBeLessThanOrEqual(MONOTONIC_INDEX_WRITES_PER_SECOND_MAX);
    // The figures DATA-MODEL states, by naming: the busiest range's writes a second.
    expect(busiestRange).toEqual([125.1, 127.3, 125, 130.7]);
  });

  it("stays at level 0, today's documents, for the issue's 200 per-host agents", () => {
    for (const nameOf of Object.values(NAMINGS)) expect(settledLevel(fleet(nameOf, 200), 1)).toBe(0);
  });
});
