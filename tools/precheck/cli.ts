/**
 * `npm run precheck`, the first step of `npm test`: stops within a second, with one line and exit
 * code 1, when the machine lacks Chromium, a JDK >= 21 or collectd (tools/precheck/requirements.ts).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { CHROMIUM_PATH } from '../../testkit/browser';
import { COLLECTD_PATH } from '../../testkit/collectd-path';
import { parseFlags } from '../cli/flags';
import { EmulatorSetupError, findJavaBin } from '../emulators/emulator-env';
import { missingRequirements } from './requirements';

parseFlags({
  command: 'precheck',
  summary: 'Checks that this machine has what `npm test` needs beyond `npm ci` (Chromium, a JDK >= 21, collectd) before anything is built.',
  flags: {},
});

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function javaFound(): boolean {
  try {
    findJavaBin();
    return true;
  } catch (error) {
    if (error instanceof EmulatorSetupError) return false;
    throw error;
  }
}

const missing = missingRequirements({ chromiumPath: CHROMIUM_PATH, chromiumRuns: isExecutable(CHROMIUM_PATH), javaFound: javaFound(), collectdPath: COLLECTD_PATH, collectdRuns: isExecutable(COLLECTD_PATH) });
if (missing !== undefined) {
  process.stderr.write(`${missing}\n`);
  process.exit(1);
}
