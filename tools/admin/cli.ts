/**
 * Administration of a Pulseboard deployment with the Admin SDK (`npm run admin -- --help`).
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAdminArgs, USAGE } from './admin-args';
import { bootstrapTenant, describeBootstrap } from './bootstrap';
import { connect, type Connection } from './connect';
import { backfillSweepShards } from './sweep-shards';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const command = parseAdminArgs(process.argv.slice(2));

switch (command.kind) {
  case 'help':
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
    break;
  case 'invalid':
    process.stderr.write(`admin: ${command.problem} (npm run admin -- --help)\n`);
    process.exit(2);
    break;
  case 'bootstrap':
    await run('bootstrap', async (services) => describeBootstrap(command.request, await bootstrapTenant(services, command.request)));
    break;
  case 'sweep-shards':
    await run('sweep-shards', async ({ db }) => {
      const { tenants, hosts, written, sweepsRestarted } = await backfillSweepShards(db, command.tenantId);
      return [`tenants: ${tenants}; hosts read: ${hosts}; given their sweep shard: ${written}; sweeps restarted: ${sweepsRestarted}`];
    });
    break;
}

/** Runs a command on the deployment `connect` finds, prints its report's lines, and exits 0, or 1 with the error. */
async function run(name: string, work: (services: Connection['services']) => Promise<readonly string[]>): Promise<never> {
  try {
    const connection = await connect(repoRoot);
    try {
      process.stdout.write(`${name} on ${connection.target}\n`);
      process.stdout.write(`${(await work(connection.services)).join('\n')}\n`);
    } finally {
      await connection.close();
    }
    process.exit(0);
  } catch (error) {
    process.stderr.write(`admin: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
