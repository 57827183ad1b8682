/**
 * `npm start`: builds functions and web, starts the emulators, seeds the demo, starts the
 * simulator and the demo webhook receiver, calls the scheduled functions on their schedules and
 * prints one ready line. Ctrl-C (or SIGTERM) stops every process it started,
 * the Java Firestore emulator included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScheduledFunction } from '../testkit/cloud-scheduler';
import { startReceiver } from '../testkit/webhook-receiver';
import { functionUrl } from '../testkit/emulators';
import { parseFlags } from './cli/flags';
import { EmulatorSetupError, emulatorEnv } from './emulators/emulator-env';
import { DEMO_PASSWORD, DEMO_TENANTS, demoMemberships } from './seed/demo';
import { DEMO_WEBHOOK_PORT, demoWebhookFile, describeDemoDelivery, readDemoWebhook } from './seed/demo-webhook';

const flags = parseFlags({
  command: 'start',
  summary:
    'Builds functions and web, starts the emulators, seeds the demo, runs the simulator, calls the scheduled functions every minute, ' +
    `prints the demo tenant's webhook notifications (received on 127.0.0.1:${DEMO_WEBHOOK_PORT}) and one ready line with the URL and the demo logins. ` +
    'Ctrl-C stops every process it started; logs are in .cache/.',
  flags: {
    'no-simulator': { type: 'boolean', help: "leave acme's simulator off, so a bench that brings its own load (bench:soak) is the only one" },
  },
});

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const logDir = join(repoRoot, '.cache');
const APP_URL = 'http://127.0.0.1:5000';
/** firebase-tools prints this once every emulator, functions included, is loaded. */
const EMULATORS_READY = 'All emulators ready';
const EMULATOR_START_TIMEOUT_MS = 180_000;
const SHUTDOWN_GRACE_MS = 20_000;
/**
 * The scheduled functions and their periods (as their onSchedule says). The emulators never fire
 * a schedule (firebase-tools #2034), so this process plays Cloud Scheduler.
 */
const SCHEDULES: ReadonlyArray<{ functionName: string; everyMs: number }> = [{ functionName: 'sweepSilentHosts', everyMs: 60_000 }];

const running = new Set<ChildProcess>();
const timers = new Set<NodeJS.Timeout>();
let stopping = false;

class StartError extends Error {}

/**
 * Starts a command in its own process group with its output in a log file, so that a stop can
 * signal the whole group and the terminal's Ctrl-C reaches only this orchestrator.
 */
function launch(command: string, args: string[], logName: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const log = openSync(join(logDir, logName), 'w');
  const child = spawn(command, args, { cwd: repoRoot, env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? 1);
  return new Promise((done) => child.once('exit', (code) => done(code ?? 1)));
}

function tail(logName: string, lines = 15): string {
  return readFileSync(join(logDir, logName), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

async function runStep(label: string, command: string, args: string[], logName: string, env?: NodeJS.ProcessEnv): Promise<void> {
  process.stdout.write(`pulseboard: ${label}...\n`);
  const code = await exited(launch(command, args, logName, env));
  if (stopping) return;
  if (code !== 0) throw new StartError(`${label} failed (exit ${code}); last lines of .cache/${logName}:\n${tail(logName)}`);
}

async function waitForEmulators(emulators: ChildProcess): Promise<void> {
  const deadline = Date.now() + EMULATOR_START_TIMEOUT_MS;
  while (!readFileSync(join(logDir, 'emulators.log'), 'utf8').includes(EMULATORS_READY)) {
    if (stopping) return;
    if (emulators.exitCode !== null) {
      throw new StartError(`the emulators exited (code ${emulators.exitCode}); last lines of .cache/emulators.log:\n${tail('emulators.log')}`);
    }
    if (Date.now() > deadline) throw new StartError('the emulators did not become ready within 3 minutes; see .cache/emulators.log');
    await new Promise((done) => setTimeout(done, 250));
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Parent pid of every process, from /proc (Linux); empty where /proc does not exist. */
function parentPids(): Map<number, number> {
  const parents = new Map<number, number>();
  if (!existsSync('/proc')) return parents;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) is in parentheses and may hold spaces: read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), parent);
    } catch {
      // The process ended while we listed it.
    }
  }
  return parents;
}

/** Every process below `pid`. firebase-tools starts the Java emulator in a group of its own. */
function descendants(pid: number): number[] {
  const parents = parentPids();
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const children = [...parents].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...children);
    frontier = children;
  }
  return found;
}

function killIfAlive(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Newest first: the simulator, then the emulators. firebase-tools gets SIGINT so it shuts its
 * emulators (and their Java process) down cleanly; whatever remains after that is killed.
 */
async function stopAll(): Promise<void> {
  stopping = true;
  timers.forEach(clearInterval);
  for (const child of [...running].reverse()) {
    const started = child.pid === undefined ? [] : descendants(child.pid);
    signalGroup(child, 'SIGINT');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), SHUTDOWN_GRACE_MS);
    await exited(child);
    clearTimeout(timer);
    signalGroup(child, 'SIGKILL');
    started.forEach(killIfAlive);
  }
}

/** Calls each scheduled function on its period, as Cloud Scheduler does once deployed; a failure is reported, not fatal. */
function playCloudScheduler(): void {
  for (const { functionName, everyMs } of SCHEDULES) {
    const call = (): void => {
      runScheduledFunction(functionUrl(functionName)).catch((error: unknown) => {
        if (!stopping) process.stderr.write(`pulseboard: the scheduled ${functionName} failed: ${String(error)}\n`);
      });
    };
    timers.add(setInterval(call, everyMs));
  }
}

/** Prints each notification the seeded webhook channel sends, with whether its signature verifies. */
async function startDemoReceiver(): Promise<void> {
  const webhook = readDemoWebhook(demoWebhookFile(repoRoot));
  if (webhook === null) throw new StartError('the seed left no demo webhook channel in .cache/demo-webhook.json');
  try {
    await startReceiver([], { port: DEMO_WEBHOOK_PORT, onRequest: (request) => process.stdout.write(describeDemoDelivery(request, webhook.secret)) });
  } catch (error) {
    throw new StartError(`the demo webhook receiver cannot listen on 127.0.0.1:${DEMO_WEBHOOK_PORT}: ${String(error)}`);
  }
}

function readyLine(): string {
  const logins = [...demoMemberships(DEMO_TENANTS).keys()].join(', ');
  return `Pulseboard is ready at ${APP_URL} : sign in as ${logins} (password "${DEMO_PASSWORD}"); acme's webhook notifications print below; Ctrl-C stops everything.\n`;
}

async function start(): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  let env: NodeJS.ProcessEnv;
  try {
    env = emulatorEnv(repoRoot);
  } catch (error) {
    if (error instanceof EmulatorSetupError) throw new StartError(error.message);
    throw error;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const tsx = ['--import', 'tsx'];
  await runStep('building functions', npm, ['run', 'build:functions'], 'build-functions.log');
  if (stopping) return;
  await runStep('building web', npm, ['run', 'build:web'], 'build-web.log');
  if (stopping) return;
  process.stdout.write('pulseboard: starting emulators (log in .cache/emulators.log)...\n');
  const emulators = launch(
    process.execPath,
    [...tsx, 'tools/emulators/firebase.ts', 'emulators:start', '--only', 'auth,firestore,functions,tasks,hosting'],
    'emulators.log',
    env,
  );
  await waitForEmulators(emulators);
  if (stopping) return;
  await runStep('seeding demo data', process.execPath, [...tsx, 'tools/seed/cli.ts'], 'seed.log');
  if (stopping) return;
  await startDemoReceiver();
  if (flags['no-simulator'] !== true) launch(process.execPath, [...tsx, 'tools/simulator/cli.ts'], 'simulator.log');
  playCloudScheduler();
  emulators.once('exit', (code) => {
    if (stopping) return;
    process.stderr.write(`pulseboard: the emulators stopped unexpectedly (code ${code}); see .cache/emulators.log\n`);
    void stopAll().then(() => process.exit(1));
  });
  process.stdout.write(readyLine());
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    process.stdout.write('pulseboard: stopping...\n');
    void stopAll().then(() => process.exit(0));
  });
}

start().catch(async (error: unknown) => {
  process.stderr.write(`pulseboard: ${error instanceof StartError ? error.message : String(error)}\n`);
  await stopAll();
  process.exit(1);
});
