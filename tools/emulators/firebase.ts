/**
 * Runs the project's firebase-tools with the Java and Firestore-emulator environment this
 * machine needs: `tsx tools/emulators/firebase.ts emulators:exec --only auth ... "cmd"`.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmulatorSetupError, emulatorEnv } from './emulator-env';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const firebaseBin = createRequire(import.meta.url).resolve('firebase-tools/lib/bin/firebase.js');
/** Makes the Cloud Tasks emulator dispatch a task into an idle queue within 50 ms, not a second (the file says why). */
const tasksDispatch = resolve(repoRoot, 'tools/emulators/tasks-dispatch.cjs');

let env: NodeJS.ProcessEnv;
try {
  env = emulatorEnv(repoRoot);
} catch (error) {
  if (error instanceof EmulatorSetupError) {
    process.stderr.write(`pulseboard: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const child = spawn(process.execPath, ['--require', tasksDispatch, firebaseBin, ...process.argv.slice(2)], {
  cwd: repoRoot,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
