import { execFile } from 'node:child_process';

export interface AdminRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- <args>` as a person runs it, against the emulators of this test run. */
export function admin(...args: string[]): Promise<AdminRun> {
  return new Promise((resolve) => {
    execFile('node_modules/.bin/tsx', ['tools/admin/cli.ts', ...args], { env: process.env }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

/**
 * Each run of the CLI is a fresh tsx process (TypeScript compiled on start), about 10 s on a busy
 * two-core machine: a test that runs it twice, with checks between, needs more than the suite's 30 s.
 */
export const TWO_CLI_RUNS_MS = 90_000;
