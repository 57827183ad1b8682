import { describe, expect, it } from 'vitest';
import { FLEET_SHARDS, HOST_DIGESTS_KEPT_PER_SHARD, LIVE_SLOT_MS } from '@pulseboard/contracts';
import { rollUp } from './rollup';

/**
 * docs/DATA-MODEL.md, "Scale of one tenant": the sustained writes a second of each document of a
 * tenant whose hosts report every 10 s (Telegraf's default flush), computed from the contracts'
 * constants and from the shard each batch really picks (rollUp: FNV-1a of its first host) for host
 * names as fleets name them. Sizes do not grow with the fleet past the bounds their own specs prove
 * (host-document-size, fleet-shard-size, fold-live-overview): what this spec checks of them is
 * that a 10,000-host tenant stays inside those bounds.
 */
const HOSTS = 10_000;
const FLUSH_S = 10;
const HOSTS_PER_COLLECTOR = 50;
/** Firestore's advice for one document: about one sustained write a second. */
const WRITES_PER_SECOND_MAX = 1;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Host names as fleets have them: the benches' agents, AWS private DNS names, role-region-number, Kubernetes nodes. */
const NAMINGS: Readonly<Record<string, (i: number) => string>> = {
  'bench agents': (i) => `agent-${pad(i, 4)}`,
  'EC2 private DNS': (i) => `ip-10-${(i >> 8) & 255}-${i & 255}-${(i * 7) % 250 + 1}.ec2.internal`,
  'role-region-number': (i) => `${['web', 'db', 'cache', 'api', 'worker'][i % 5] ?? 'web'}-${i % 2 === 0 ? 'us-east-1' : 'eu-west-1'}-${pad(Math.floor(i / 10), 4)}`,
  'Kubernetes nodes': (i) => `gke-prod-pool-${i % 4}-${((i * 2_654_435_761) >>> 0).toString(16).padStart(8, '0')}-${(i % 1_679_616).toString(36).padStart(4, '0')}`,
};

/** The shard each batch picks, as ingest picks it: one batch per agent, of its hosts. */
function shardOf(hosts: readonly string[]): number {
  return rollUp(hosts.map((host) => ({ type: 'metric', host, metric: 'cpu', value: 1, ts: 0 }))).shard;
}

/** Batches a flush interval per fleet shard, for agents each reporting `hostsPerAgent` of the fleet's hosts. */
function batchesPerShard(names: readonly string[], hostsPerAgent: number): Map<number, number> {
  const perShard = new Map<number, number>();
  for (let first = 0; first < names.length; first += hostsPerAgent) {
    const shard = shardOf(names.slice(first, first + hostsPerAgent));
    perShard.set(shard, (perShard.get(shard) ?? 0) + 1);
  }
  return perShard;
}

/** Sustained writes a second of each kind of document, and the most host digests one shard holds. */
function tenantLoad(names: readonly string[], hostsPerAgent: number) {
  const perShard = batchesPerShard(names, hostsPerAgent);
  const busiestShard = Math.max(...perShard.values());
  return {
    writesPerSecond: {
      // Every batch of a host writes its document (its windows, its exactly-once marker inside).
      host: 1 / FLUSH_S,
      fleetShard: busiestShard / FLUSH_S,
      // One fold a slot per tenant writes each once (one task id per tenant and slot).
      liveOverview: 1_000 / LIVE_SLOT_MS,
      liveOverviewParts: 1_000 / LIVE_SLOT_MS,
    },
    digestsInBusiestShard: busiestShard * hostsPerAgent,
  };
}

function fleet(naming: (i: number) => string, hosts: number): string[] {
  return Array.from({ length: hosts }, (_, i) => naming(i));
}

describe(`a tenant of ${HOSTS} hosts flushing every ${FLUSH_S} s`, () => {
  for (const [naming, nameOf] of Object.entries(NAMINGS)) {
    it(`keeps every document under one write a second behind collectors of ${HOSTS_PER_COLLECTOR} (${naming})`, () => {
      const load = tenantLoad(fleet(nameOf, HOSTS), HOSTS_PER_COLLECTOR);
      for (const rate of Object.values(load.writesPerSecond)) expect(rate).toBeLessThanOrEqual(WRITES_PER_SECOND_MAX);
      // Every shard's digests within what the shard keeps, so fleet-shard-size.spec's worst case bounds its size.
      expect(load.digestsInBusiestShard).toBeLessThanOrEqual(HOST_DIGESTS_KEPT_PER_SHARD);
    });
  }

  it('with an agent per host, keeps every document under its size bound, and every one but the fleet shards under one write a second', () => {
    const loads = Object.values(NAMINGS).map((nameOf) => tenantLoad(fleet(nameOf, HOSTS), 1));
    for (const { writesPerSecond, digestsInBusiestShard } of loads) {
      const { fleetShard, ...others } = writesPerSecond;
      for (const rate of Object.values(others)) expect(rate).toBeLessThanOrEqual(WRITES_PER_SECOND_MAX);
      expect(digestsInBusiestShard).toBeLessThanOrEqual(HOST_DIGESTS_KEPT_PER_SHARD);
      expect(fleetShard).toBeGreaterThan(WRITES_PER_SECOND_MAX);
    }
    // The figure DATA-MODEL states: the busiest of FLEET_SHARDS shard documents, writes a second, by naming.
    expect(FLEET_SHARDS).toBe(64);
    expect(loads.map((load) => load.writesPerSecond.fleetShard)).toEqual([16.2, 18.5, 16.2, 18.7]);
  });

  it('with an agent per host, keeps every fleet shard under one write a second up to the fleet DATA-MODEL states', () => {
    // The largest fleet (in steps of 10 hosts) whose busiest shard stays under the advice for every naming.
    let largest = 0;
    for (let hosts = 10; hosts <= HOSTS; hosts += 10) {
      const within = Object.values(NAMINGS).every((nameOf) => tenantLoad(fleet(nameOf, hosts), 1).writesPerSecond.fleetShard <= WRITES_PER_SECOND_MAX);
      if (!within) break;
      largest = hosts;
    }
    expect(largest).toBe(290);
  });
});
