/**
 * `npm run bench:document-shape` against a running Firestore emulator: what the one transaction of
 * a collector's batch costs as its hosts' documents age, in the shape ingest stores them (`windows`
 * as one bytes value, contracts/src/encoded-windows.ts) and, for comparison, as ingest stored them
 * before 2026-12-03 (maps and arrays: each aggregate's six numbers are values of their own) and as
 * one JSON string. Each shape's own conversion of the windows (encoding for the write, decoding what
 * was read; for maps the Admin SDK's) is inside its timing. The documents come from the pure ingest plan (planBatch)
 * fed a collector's batch once a minute, as bench:soak's collectors send (a sample of each metric of
 * each host); at each age, --rounds transactions read the batch's host documents and write them back,
 * and the bench reports the median wall time and the Node process's CPU time per transaction. It
 * measures the Admin SDK, the emulator and the windows' conversion, not the rest of ingest: no
 * validation of the other fields, no plan, no fold inside the timing. The last line printed is one JSON object.
 */
import { decodeRecentWindows, paths, storageSize, type StoredHostDoc } from '@pulseboard/contracts';
import { hostToStore } from '../../functions/src/ingest/stored-documents';
import { planBatch, type StoredHost, type StoredShard } from '../../functions/src/ingest/plan-batch';
import { rollUp } from '../../functions/src/ingest/rollup';
import { fleetTargetOf } from '../../functions/src/ingest/fleet-level';
import { validateEvents } from '../../functions/src/ingest/validate-events';
import { adminDb } from '../../testkit/admin';
import { uniqueTenantId } from '../../testkit/tenant-fixture';
import { parseFlags } from '../cli/flags';
import { benchBatch } from '../simulator/batch';
import { BASIC_METRICS } from '../simulator/fleet';
import { percentile } from './stats';

const flags = parseFlags({
  command: 'bench:document-shape',
  summary:
    "A collector's transaction (read --hosts host documents, write them back) against the running Firestore emulator, at each age " +
    'of the documents in --ages, with windows stored as maps (as ingest does) and as one JSON string; median wall and Node CPU ms.',
  flags: {
    hosts: { type: 'number', default: 50, min: 1, max: 500, integer: true, help: 'hosts in the batch (documents per transaction)' },
    ages: { type: 'string', default: '1,5,10,15,20,26,30', help: 'minutes of a collector batch a minute, comma-separated' },
    rounds: { type: 'number', default: 12, min: 3, max: 1_000, integer: true, help: 'transactions per age and shape, the first two warm-up' },
  },
});
const WARM_UP = 2;
const START = Date.UTC(2026, 11, 3);
/** A collector's batch at `now` as bench:soak's collectors send it: one sample of each metric of each host. */
const collectorBatch = (hosts: readonly string[], now: number) => benchBatch({ hosts, events: hosts.length * BASIC_METRICS.length, now, sampleEveryMs: 1_000 });
const ages = flags.ages.split(',').map(Number);
if (ages.some((age) => !Number.isInteger(age) || age < 1 || age > 120)) throw new Error('--ages: whole minutes from 1 to 120, comma-separated');

/** The batch's host documents after `minutes` of a batch a minute, as ingest's plan writes them. */
function documentsAtAge(hosts: readonly string[], minutes: number): StoredHostDoc[] {
  let stored: StoredHostDoc[] = [];
  let fleet: StoredShard = {};
  for (let minute = 0; minute < minutes; minute++) {
    const now = START + minute * 60_000;
    const byHost = new Map<string, StoredHost>(stored.map((doc) => [doc.host, doc]));
    const rollup = rollUp(validateEvents(collectorBatch(hosts, now), now).accepted);
    const plan = planBatch(rollup, { policy: { thresholds: {}, sustainSeconds: 0 }, hosts: byHost, fleetTarget: fleetTargetOf(rollup.firstHost, 0), fleet, activeAlerts: new Map() }, now, `shape-${minute}`);
    stored = plan.hosts.map(({ doc }) => doc);
    fleet = plan.fleet.doc;
  }
  return stored;
}

/** How a shape stores a host document, and what it does to read the windows back from the stored value. */
interface Shape {
  store(doc: StoredHostDoc): object;
  readWindows(stored: unknown): unknown;
}
const SHAPES = {
  bytes: { store: hostToStore, readWindows: (stored) => decodeRecentWindows(stored as Uint8Array) },
  maps: { store: (doc) => doc, readWindows: (stored) => stored },
  jsonString: { store: (doc) => ({ ...doc, windows: JSON.stringify(doc.windows) }), readWindows: (stored) => JSON.parse(stored as string) },
} satisfies Record<string, Shape>;
type ShapeName = keyof typeof SHAPES;

/** Median wall and Node CPU ms of a transaction that reads the documents, their windows in the shape's way, and writes them back in it. */
async function timeTransactions(tenantId: string, shape: Shape, docs: readonly StoredHostDoc[]): Promise<{ wallMs: number; cpuMs: number }> {
  const refs = docs.map((_, i) => adminDb.doc(paths.host(tenantId, `shape-host-${i}`)));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < flags.rounds; round++) {
    const startedAt = performance.now();
    const cpuBefore = process.cpuUsage();
    await adminDb.runTransaction(async (tx) => {
      for (const snapshot of await tx.getAll(...refs)) if (snapshot.exists) shape.readWindows(snapshot.get('windows'));
      refs.forEach((ref, i) => tx.set(ref, { ...shape.store(docs[i] as StoredHostDoc), round }));
    });
    const used = process.cpuUsage(cpuBefore);
    if (round < WARM_UP) continue;
    wall.push(performance.now() - startedAt);
    cpu.push((used.user + used.system) / 1_000);
  }
  return { wallMs: Math.round(percentile(wall, 50)), cpuMs: Math.round(percentile(cpu, 50)) };
}

const hosts = Array.from({ length: flags.hosts }, (_, i) => `burst-${i}`);
const rows = [];
for (const age of ages) {
  const docs = documentsAtAge(hosts, age);
  const row: Record<string, number> = {
    ageMinutes: age,
    jsonKb: Math.round(JSON.stringify(docs).length / 1_000),
    storedKb: Math.round(docs.reduce((total, doc) => total + storageSize(hostToStore(doc)), 0) / 1_000),
  };
  for (const [name, shape] of Object.entries(SHAPES) as [ShapeName, Shape][]) {
    const timed = await timeTransactions(uniqueTenantId('shape'), shape, docs);
    row[`${name}WallMs`] = timed.wallMs;
    row[`${name}CpuMs`] = timed.cpuMs;
  }
  rows.push(row);
  process.stdout.write(
    `${age} min (${row['jsonKb']} KB as JSON, ${row['storedKb']} KB stored): bytes ${row['bytesWallMs']} ms (Node CPU ${row['bytesCpuMs']} ms), ` +
      `maps ${row['mapsWallMs']} ms (${row['mapsCpuMs']} ms), one JSON string ${row['jsonStringWallMs']} ms (${row['jsonStringCpuMs']} ms)\n`,
  );
}
process.stdout.write(`${JSON.stringify({ hosts: flags.hosts, rounds: flags.rounds, rows })}\n`);
process.exit(0);
