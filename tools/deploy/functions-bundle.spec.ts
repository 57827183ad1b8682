import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUNCTIONS_REGION } from '@pulseboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFunctionsLockfile } from './functions-lockfile';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const functionsDir = join(repoRoot, 'functions');
const deployed = mkdtempSync(join(tmpdir(), 'pulseboard-functions-deploy-'));

afterAll(() => rmSync(deployed, { recursive: true, force: true }));

describe('the deployed functions package', () => {
  it('has a lockfile that matches the workspace lockfile (else: npm run lock:functions)', () => {
    expect(readFileSync(join(functionsDir, 'package-lock.json'), 'utf8')).toBe(expectedFunctionsLockfile(repoRoot));
  });

  beforeAll(() => {
    execFileSync(process.execPath, ['--import', 'tsx', join(functionsDir, 'build.mts')], { cwd: repoRoot, stdio: 'pipe' });
  }, 60_000);

  it('installs from its lockfile alone, offline, and its bundle loads every function in the region', () => {
    // What `firebase deploy` uploads, in a folder outside the workspace: no workspace package can leak in.
    for (const file of ['package.json', 'package-lock.json', 'lib']) cpSync(join(functionsDir, file), join(deployed, file), { recursive: true });
    execFileSync('npm', ['ci', '--offline', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: deployed, stdio: 'pipe' });
    const endpoints = execFileSync(
      process.execPath,
      ['-e', "const m = require('./lib/index.js'); process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.__endpoint]))))"],
      { cwd: deployed, encoding: 'utf8' },
    );
    const loaded = JSON.parse(endpoints) as Record<string, { region: string[]; maxInstances: number }>;
    expect(Object.keys(loaded)).toEqual(expect.arrayContaining(['applyCommand', 'createIngestKey', 'ingest', 'revokeIngestKey', 'setMemberRole']));
    for (const endpoint of Object.values(loaded)) {
      expect(endpoint.region).toEqual([FUNCTIONS_REGION]);
      expect(endpoint.maxInstances).toBeGreaterThan(0);
    }
  }, 180_000);

  it("carries the zod it uses, not all of its locales (zod imported as a namespace, as zod's docs say)", () => {
    // `import { z } from 'zod'` names one object holding all of zod, which the bundler cannot
    // take apart: it brought every locale and the JSON Schema converters, doubling the bundle
    // (1.21 MB against 0.66 MB) that each function's cold start loads.
    const bundle = readFileSync(join(functionsDir, 'lib/index.js'), 'utf8');
    expect(bundle).toContain('node_modules/zod/v4/core/schemas.js');
    expect(bundle.match(/node_modules\/zod\/v4\/locales\/[a-zA-Z-]+\.js/g) ?? []).toEqual(['node_modules/zod/v4/locales/en.js']);
  });
});
