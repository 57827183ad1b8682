import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A CLI in miniature: it starts a long-lived child (as bench:ui starts the simulator), registers
 * its stop, prints the child's pid, then either waits to be signalled or fails.
 */
const FIXTURE = (ending: 'wait' | 'fail') => `
  import { spawn } from 'node:child_process';
  import { Cleanups } from './tools/cli/cleanups.ts';
  const cleanups = new Cleanups('fixture');
  try {
    const child = spawn('sleep', ['600'], { stdio: 'ignore' });
    cleanups.add(() => child.kill('SIGTERM'));
    process.stdout.write(child.pid + '\\n');
    ${ending === 'wait' ? 'await new Promise(() => setInterval(() => undefined, 1000));' : "await new Promise((done) => setTimeout(done, 200)); throw new Error('the browser did not start');"}
  } finally {
    await cleanups.run();
  }
`;

/** Running, not a zombie: an orphan that was killed may wait a while for a reaper that never comes in a container. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function runFixture(ending: 'wait' | 'fail', signal?: NodeJS.Signals): Promise<{ code: number | null; childPid: number }> {
  const cli = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', FIXTURE(ending)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const [firstLine] = (await once(cli.stdout, 'data')) as [Buffer];
  const childPid = Number(firstLine.toString().trim());
  if (signal) cli.kill(signal);
  const [code] = (await once(cli, 'exit')) as [number | null];
  // The child's exit is asynchronous to ours: give the kernel a moment to reap it.
  for (let tries = 0; tries < 50 && isAlive(childPid); tries++) await new Promise((done) => setTimeout(done, 20));
  return { code, childPid };
}

describe('Cleanups', () => {
  it('stops the child on SIGTERM and exits 143', async () => {
    const { code, childPid } = await runFixture('wait', 'SIGTERM');
    expect(code).toBe(143);
    expect(isAlive(childPid)).toBe(false);
  }, 30_000);

  it('stops the child on Ctrl-C (SIGINT) and exits 130', async () => {
    const { code, childPid } = await runFixture('wait', 'SIGINT');
    expect(code).toBe(130);
    expect(isAlive(childPid)).toBe(false);
  }, 30_000);

  it('stops the child when the work fails half way', async () => {
    const { code, childPid } = await runFixture('fail');
    expect(code).toBe(1);
    expect(isAlive(childPid)).toBe(false);
  }, 30_000);
});
