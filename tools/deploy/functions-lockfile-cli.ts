/**
 * `npm run lock:functions`: writes functions/package-lock.json, the deployed functions' lockfile,
 * from the workspace's package-lock.json (tools/deploy/functions-lockfile.ts). Run it after any
 * change of dependencies; a unit test fails while it is out of date.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags } from '../cli/flags';
import { expectedFunctionsLockfile } from './functions-lockfile';

parseFlags({
  command: 'lock:functions',
  summary: "Writes functions/package-lock.json from the workspace's package-lock.json: the versions the tests ran with, for the deployed functions alone.",
  flags: {},
});

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
writeFileSync(join(repoRoot, 'functions/package-lock.json'), expectedFunctionsLockfile(repoRoot));
process.stdout.write('lock:functions: wrote functions/package-lock.json\n');
