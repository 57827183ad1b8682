/**
 * `npm run bench:plan-writes`: the documents ingest writes per batch for a fleet shape, counted from
 * the plan itself (planBatch, which decides every write the transaction makes) over simulated time,
 * each plan's documents fed back as the next batch's stored state. No emulator: it counts
 * documents, not seconds, so it can cover the hours a window chunk needs to close. Beside the
 * layout of today (host documents and one fleet shard document, with the chunks they archive) it
 * counts what the first layout wrote for the same batches (a marker, the host and one document per
 * host window; one document per fleet shard window and the shard's host digests), and the TTL
 * deletes each layout leaves behind (every document created with an expiry is deleted once). The
 * last line printed is one JSON object.
 */
import { DEFAULT_THRESHOLDS, type TelemetryEvent } from '@pulseboard/contracts';
import { planBatch, type StoredHost, type StoredShard } from '../../functions/src/ingest/plan-batch';
import { rollUp } from '../../functions/src/ingest/rollup';
import { fleetTargetOf } from '../../functions/src/ingest/fleet-level';
import { validateEvents } from '../../functions/src/ingest/validate-events';
import { parseFlags } from '../cli/flags';

const flags = parseFlags({
  command: 'bench:plan-writes',
  summary:
    'Simulates --agents agents of --hosts-per-agent hosts each posting --events samples every --flush seconds for --warmup ' +
    'then --duration simulated seconds, through the pure ingest plan, and prints the documents written per batch (host side, ' +
    'fleet side), the TTL deletes per batch, and the same counts for the layout of a document per window, a marker and a digests document.',
  flags: {
    agents: { type: 'number', default: 200, min: 1, max: 2_000, integer: true, help: 'agents posting batches' },
    'hosts-per-agent': { type: 'number', default: 1, min: 1, max: 100, integer: true, help: 'hosts each agent reports' },
    events: { type: 'number', default: 40, min: 1, max: 5_000, integer: true, help: 'samples per batch' },
    flush: { type: 'number', default: 10, min: 1, max: 600, integer: true, help: 'seconds between two batches of an agent' },
    warmup: { type: 'number', default: 1_800, min: 0, max: 86_400, integer: true, help: 'simulated seconds before counting (chunks close 26 min in)' },
    duration: { type: 'number', default: 3_600, min: 60, max: 86_400, integer: true, help: 'simulated seconds counted' },
  },
});
const METRICS = ['cpu', 'requests', 'active_users'] as const;
const START = Date.UTC(2026, 11, 2);
const flushMs = flags.flush * 1_000;

/** One agent's batch at `now`: its hosts' samples spread over the last flush interval, cpu below alert levels. */
function agentBatch(hosts: readonly string[], now: number): TelemetryEvent[] {
  return Array.from({ length: flags.events }, (_, i) => ({
    type: 'metric',
    host: hosts[i % hosts.length] ?? 'bench-host',
    metric: METRICS[Math.floor(i / hosts.length) % METRICS.length] ?? 'cpu',
    value: (i * 7) % 60,
    ts: now - Math.floor((i / flags.events) * flushMs),
  }));
}

const agents = Array.from({ length: flags.agents }, (_, a) => Array.from({ length: flags['hosts-per-agent'] }, (_, h) => `bench-host-${a}-${h}`));
const hosts = new Map<string, StoredHost>();
const shards = new Map<number, StoredShard>();
const counted = {
  batches: 0,
  hostDocs: 0,
  chunks: 0,
  shardDocs: 0,
  fleetChunks: 0,
  alerts: 0,
  before: { markers: 0, hostDocs: 0, windowDocs: 0, fleetWindowDocs: 0, digestDocs: 0 },
  windowsCreatedBefore: new Set<string>(),
};
const countFrom = START + flags.warmup * 1_000;

for (let tick = START; tick < countFrom + flags.duration * 1_000; tick += flushMs) {
  agents.forEach((agentHosts, a) => {
    const now = tick + Math.floor((a * flushMs) / flags.agents);
    const rollup = rollUp(validateEvents(agentBatch(agentHosts, now), now).accepted);
    const fleetTarget = fleetTargetOf(rollup.firstHost, 0);
    const plan = planBatch(
      rollup,
      { policy: { thresholds: DEFAULT_THRESHOLDS, sustainSeconds: 0 }, hosts, fleetTarget, fleet: shards.get(fleetTarget.leaf) ?? {}, activeAlerts: new Map() },
      now,
      `agent-${a}:${now}`,
    );
    for (const { doc } of plan.hosts) hosts.set(doc.host, doc);
    shards.set(plan.fleet.doc.shard, plan.fleet.doc);
    if (now < countFrom) return;
    counted.batches += 1;
    counted.hostDocs += plan.hosts.length;
    counted.chunks += plan.hosts.reduce((total, planned) => total + planned.chunks.length, 0);
    counted.shardDocs += 1;
    counted.fleetChunks += plan.fleet.chunks.length;
    counted.alerts += plan.alerts.size;
    counted.before.markers += 1;
    counted.before.hostDocs += rollup.hosts.size;
    counted.before.fleetWindowDocs += rollup.fleet.size;
    counted.before.digestDocs += 1;
    for (const host of rollup.hosts.values()) {
      counted.before.windowDocs += host.windows.size;
      for (const key of host.windows.keys()) counted.windowsCreatedBefore.add(`${host.host}_${key}`);
    }
    for (const key of rollup.fleet.keys()) counted.windowsCreatedBefore.add(`fleet_${fleetTarget.leaf}_${key}`);
  });
}

const perBatch = (count: number) => Number((count / Math.max(1, counted.batches)).toFixed(4));
const hostSide = perBatch(counted.hostDocs + counted.chunks);
const hostSideBefore = perBatch(counted.before.markers + counted.before.hostDocs + counted.before.windowDocs);
const fleetSide = perBatch(counted.shardDocs + counted.fleetChunks);
const fleetSideBefore = perBatch(counted.before.fleetWindowDocs + counted.before.digestDocs);
const result = {
  agents: flags.agents,
  hostsPerAgent: flags['hosts-per-agent'],
  eventsPerBatch: flags.events,
  flushSeconds: flags.flush,
  batches: counted.batches,
  hostWritesPerBatch: hostSide,
  hostDocWritesPerBatch: perBatch(counted.hostDocs),
  chunkWritesPerBatch: perBatch(counted.chunks),
  fleetWritesPerBatch: fleetSide,
  shardDocWritesPerBatch: perBatch(counted.shardDocs),
  fleetChunkWritesPerBatch: perBatch(counted.fleetChunks),
  alertWritesPerBatch: perBatch(counted.alerts),
  writesPerBatch: Number((hostSide + fleetSide + perBatch(counted.alerts)).toFixed(4)),
  // Every chunk is created once and deleted once by TTL; host and shard documents never expire.
  ttlDeletesPerBatch: perBatch(counted.chunks + counted.fleetChunks),
  before: {
    hostWritesPerBatch: hostSideBefore,
    fleetWritesPerBatch: fleetSideBefore,
    writesPerBatch: Number((hostSideBefore + fleetSideBefore + perBatch(counted.alerts)).toFixed(4)),
    // Every marker, host window and fleet window document was created with an expiry.
    ttlDeletesPerBatch: perBatch(counted.before.markers + counted.windowsCreatedBefore.size),
  },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
