/**
 * `npx tsx tools/bench/overview-reads.ts` against running emulators, beside a load (bench:ingest,
 * the simulator): waits for the first tenant created after it starts whose id has --prefix, then for
 * --duration seconds counts the documents each page's listeners receive, through the same queries
 * the web app runs: the live summary the overview listens to now, the fleet shard documents (what
 * an overview listening to the shards and digests, as it did before the summary, would receive:
 * each holds both), and every host document (the hosts table). Each document a
 * listener receives after its first answer is one billed read. The last line is one JSON object.
 */
import { FLEET_SHARDS, paths } from '@pulseboard/contracts';
import type { Query, DocumentReference } from 'firebase-admin/firestore';
import { adminDb } from '../../testkit/admin';
import { parseFlags } from '../cli/flags';

const flags = parseFlags({
  command: 'overview-reads',
  summary: 'Documents a second each page listener receives, for the first new tenant whose id starts with --prefix.',
  flags: {
    prefix: { type: 'string', default: 'bench', help: 'the tenant id prefix of the load (bench:ingest makes bench-...)' },
    duration: { type: 'number', default: 60, min: 5, max: 3_600, help: 'seconds counted, from the tenant’s first summary' },
  },
});

function firstNewTenant(prefix: string): Promise<string> {
  const since = Date.now();
  return new Promise((resolve) => {
    const stop = adminDb.collection(paths.tenants()).onSnapshot((snapshot) => {
      const created = snapshot.docChanges().find((change) => change.type === 'added' && change.doc.id.startsWith(prefix) && change.doc.createTime.toMillis() >= since);
      if (created) {
        stop();
        resolve(created.doc.id);
      }
    });
  });
}

/** Counts the documents a listener receives after its first answer. */
function counted(target: Query | DocumentReference): { received: () => number; stop: () => void } {
  let first = true;
  let received = 0;
  const onQuery = (changes: number) => {
    if (!first) received += changes;
    first = false;
  };
  const stop =
    'where' in target
      ? target.onSnapshot((snapshot) => onQuery(snapshot.docChanges().length))
      : target.onSnapshot(() => onQuery(1));
  return { received: () => received, stop };
}

async function main(): Promise<void> {
  const tenantId = await firstNewTenant(flags.prefix);
  process.stderr.write(`counting the listeners of ${tenantId}\n`);
  const listeners = {
    overviewSummary: counted(adminDb.doc(paths.liveOverview(tenantId))),
    fleetShards: counted(adminDb.collection(paths.fleetShards(tenantId)).limit(FLEET_SHARDS)),
    hostsTable: counted(adminDb.collection(paths.hosts(tenantId))),
  };
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, flags.duration * 1000));
  const seconds = (Date.now() - started) / 1000;
  const perSecond = Object.fromEntries(Object.entries(listeners).map(([name, listener]) => [name, Math.round((listener.received() / seconds) * 100) / 100]));
  for (const listener of Object.values(listeners)) listener.stop();
  process.stdout.write(`${JSON.stringify({ tenantId, seconds, ...perSecond })}\n`);
  process.exit(0);
}

void main();
