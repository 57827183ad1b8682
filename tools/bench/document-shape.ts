/**
 * `npm run bench:document-shape` against a running Firestore emulator: what the one transaction of
 * a collector's batch costs as its hosts' documents age, in the shape ingest stores them (`windows`
 * as maps and arrays: each aggregate's six numbers are values of their own) and, for comparison,
 * with the same windows as one JSON string. The documents come from the pure ingest plan (planBatch)
 * fed a collector's batch once a minute, as bench:soak's collectors send (a sample of each metric of
 * each host); at each age, --rounds transactions read the batch's host documents and write them back,
 * and the bench reports the median wall time and the Node process's CPU time per transaction. It
 * measures the Admin SDK and the emulator, not ingest: no validation, no plan, no fold inside the
 * timing. The last line printed is one JSON object.
 */
import { paths } from '@pulseboard/contracts';
import { planBatch, type StoredHost, type StoredShard } from '../../functions/src/ingest/plan-batch';
import { rollUp } from '../../functions/src/ingest/rollup';
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
function documentsAtAge(hosts: readonly string[], minutes: number): StoredHost[] {
  let stored = new Map<string, StoredHost>();
  let fleet: StoredShard = {};
  for (let minute = 0; minute < minutes; minute++) {
    const now = START + minute * 60_000;
    const plan = planBatch(rollUp(validateEvents(collectorBatch(hosts, now), now).accepted), { policy: { thresholds: {}, sustainSeconds: 0 }, hosts: stored, fleet, activeAlerts: new Map() }, now, `shape-${minute}`);
    stored = new Map(plan.hosts.map(({ doc }) => [doc.host, doc]));
    fleet = plan.fleet.doc;
  }
  return [...stored.values()];
}

type Shape = 'maps' | 'jsonString';
const SHAPES: Record<Shape, (doc: StoredHost) => object> = {
  maps: (doc) => doc,
  jsonString: (doc) => ({ ...doc, windows: JSON.stringify(doc.windows) }),
};

/** Median wall and Node CPU ms of a transaction that reads the documents and writes them back. */
async function timeTransactions(tenantId: string, docs: readonly object[]): Promise<{ wallMs: number; cpuMs: number }> {
  const refs = docs.map((_, i) => adminDb.doc(paths.host(tenantId, `shape-host-${i}`)));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < flags.rounds; round++) {
    const startedAt = performance.now();
    const cpuBefore = process.cpuUsage();
    await adminDb.runTransaction(async (tx) => {
      await tx.getAll(...refs);
      refs.forEach((ref, i) => tx.set(ref, { ...docs[i], round }));
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
  const row: Record<string, number> = { ageMinutes: age, storedKb: Math.round(JSON.stringify(docs).length / 1_000) };
  for (const shape of Object.keys(SHAPES) as Shape[]) {
    const timed = await timeTransactions(uniqueTenantId('shape'), docs.map(SHAPES[shape]));
    row[`${shape}WallMs`] = timed.wallMs;
    row[`${shape}CpuMs`] = timed.cpuMs;
  }
  rows.push(row);
  process.stdout.write(
    `${age} min (${row['storedKb']} KB as JSON): maps ${row['mapsWallMs']} ms (Node CPU ${row['mapsCpuMs']} ms), ` +
      `one JSON string ${row['jsonStringWallMs']} ms (${row['jsonStringCpuMs']} ms)\n`,
  );
}
process.stdout.write(`${JSON.stringify({ hosts: flags.hosts, rounds: flags.rounds, rows })}\n`);
process.exit(0);
