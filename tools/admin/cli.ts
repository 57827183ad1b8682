/**
 * Administration of a Pulseboard deployment with the Admin SDK (`npm run admin -- --help`).
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAdminArgs, USAGE } from './admin-args';
import { bootstrapTenant, describeBootstrap } from './bootstrap';
import { connect } from './connect';

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
  case 'bootstrap': {
    try {
      const connection = await connect(repoRoot);
      try {
        process.stdout.write(`bootstrap on ${connection.target}\n`);
        const report = await bootstrapTenant(connection.services, command.request);
        process.stdout.write(`${describeBootstrap(command.request, report).join('\n')}\n`);
      } finally {
        await connection.close();
      }
      process.exit(0);
    } catch (error) {
      process.stderr.write(`admin: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
}
