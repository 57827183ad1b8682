import { parseArgs } from 'node:util';
import { bootstrapRequest, tenantId, type BootstrapRequest } from '@pulseboard/contracts';

export const USAGE = `usage: npm run admin -- bootstrap --tenant <id> --name "<name>" --admin <email>
       npm run admin -- sweep-shards [--tenant <id>]

  bootstrap   create or update the tenant document (default settings), create the admin's account
              if missing (printing a password-reset link), and make them the tenant's admin (member
              document and claim). Safe to run again: a second run changes nothing and says so.
  --tenant    tenant id: 1-40 lowercase letters, digits or "-"
  --name      the tenant's display name (1-100 characters)
  --admin     the first admin's email

  sweep-shards  give every host document its sweep shard, which the silent-host sweep's query
              needs: once, after deploying the version that writes it, for hosts that have not
              reported since (docs/DEPLOY.md). Every tenant's, or only --tenant's. Safe to run
              again: it writes only what lacks it.

Runs against the emulators when FIRESTORE_EMULATOR_HOST is set or they answer on firebase.json's
ports; otherwise against the project of \`firebase use\`, with application-default credentials.`;

export type AdminCommand =
  | { kind: 'help' }
  | { kind: 'bootstrap'; request: BootstrapRequest }
  | { kind: 'sweep-shards'; tenantId: string | null }
  | { kind: 'invalid'; problem: string };

/** The flag that carries each field of the request. */
const FLAGS: ReadonlyArray<readonly [keyof BootstrapRequest, string]> = [
  ['tenantId', '--tenant'],
  ['name', '--name'],
  ['adminEmail', '--admin'],
];

/** The command the arguments ask for; strict: an unknown flag, a missing or malformed value is invalid. */
export function parseAdminArgs(args: readonly string[]): AdminCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { tenant: { type: 'string' }, name: { type: 'string' }, admin: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    // node:util's message goes on to explain `--`; its first sentence names the problem.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'invalid', problem: message.split('. ')[0] ?? message };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };
  const named = positionals.join(' ');
  const flags = { tenantId: values.tenant, name: values.name, adminEmail: values.admin };
  if (named === 'sweep-shards') {
    if (flags.name !== undefined || flags.adminEmail !== undefined) return { kind: 'invalid', problem: 'sweep-shards takes only --tenant' };
    if (flags.tenantId === undefined) return { kind: 'sweep-shards', tenantId: null };
    const only = tenantId.safeParse(flags.tenantId);
    return only.success ? { kind: 'sweep-shards', tenantId: only.data } : { kind: 'invalid', problem: `--tenant: ${only.error.issues[0]?.message ?? 'invalid'}` };
  }
  if (named !== 'bootstrap') {
    return { kind: 'invalid', problem: `expected the command "bootstrap" or "sweep-shards", got ${positionals.length === 0 ? 'none' : `"${named}"`}` };
  }
  for (const [field, flag] of FLAGS) if (flags[field] === undefined) return { kind: 'invalid', problem: `${flag} is required` };
  const request = bootstrapRequest.safeParse(flags);
  if (request.success) return { kind: 'bootstrap', request: request.data };
  const issue = request.error.issues[0];
  const flag = FLAGS.find(([field]) => field === issue?.path[0])?.[1] ?? 'a flag';
  return { kind: 'invalid', problem: `${flag}: ${issue?.message ?? 'invalid'}` };
}
