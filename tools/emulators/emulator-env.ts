import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

/** Firebase-tools 15 refuses to start the Java emulators on anything older. */
const MIN_JAVA_MAJOR = 21;
const JVM_DIR = '/usr/lib/jvm';
/** Where Debian's google-cloud-cli-firestore-emulator package puts the emulator. */
const GCLOUD_FIRESTORE_JAR =
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';
const FIRESTORE_MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';

export class EmulatorSetupError extends Error {}

function javaMajor(javaBinary: string): number | undefined {
  // `java -version` prints to stderr.
  const result = spawnSync(javaBinary, ['-version'], { encoding: 'utf8' });
  return result.error ? undefined : parseMajor(`${result.stderr}${result.stdout}`);
}

function parseMajor(versionText: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

function javaHomeCandidates(): string[] {
  const fromEnv = process.env['JAVA_HOME'] ? [process.env['JAVA_HOME']] : [];
  const fromJvmDir = existsSync(JVM_DIR)
    ? readdirSync(JVM_DIR).map((name) => join(JVM_DIR, name))
    : [];
  return [...fromEnv, ...fromJvmDir];
}

/** The bin directory of a JDK >= 21: JAVA_HOME first, then the system JVM directory, then PATH. */
export function findJavaBin(): string {
  for (const home of javaHomeCandidates()) {
    const java = join(home, 'bin', 'java');
    const major = existsSync(java) ? javaMajor(java) : undefined;
    if (major !== undefined && major >= MIN_JAVA_MAJOR) return join(home, 'bin');
  }
  const onPath = javaMajor('java');
  if (onPath !== undefined && onPath >= MIN_JAVA_MAJOR) {
    return resolve(execFileSync('sh', ['-c', 'dirname "$(readlink -f "$(command -v java)")"'], { encoding: 'utf8' }).trim());
  }
  throw new EmulatorSetupError(
    `The Firestore emulator needs Java ${MIN_JAVA_MAJOR} or newer and none was found ` +
      `(looked at JAVA_HOME, ${JVM_DIR}/* and PATH${onPath ? `, which has Java ${onPath}` : ''}). ` +
      'Install a JDK >= 21 (e.g. `apt-get install openjdk-21-jdk-headless` or Temurin 21+) or set JAVA_HOME to one.',
  );
}

/**
 * The gcloud jar has no Main-Class, so `java -jar` (what firebase-tools runs) fails on it.
 * A launcher jar whose manifest names the main class and puts the gcloud jar on its
 * class path fixes that. Returns undefined when the Debian package is absent, so that a
 * machine with internet lets firebase-tools download its own jar as usual.
 */
export function firestoreLauncherJar(cacheDir: string, javaBin: string): string | undefined {
  if (!existsSync(GCLOUD_FIRESTORE_JAR)) return undefined;
  const launcher = join(cacheDir, 'firestore-emulator-launcher.jar');
  if (existsSync(launcher)) return launcher;
  mkdirSync(cacheDir, { recursive: true });
  const manifest = join(cacheDir, 'firestore-launcher.MF');
  writeFileSync(manifest, `Main-Class: ${FIRESTORE_MAIN_CLASS}\nClass-Path: file://${GCLOUD_FIRESTORE_JAR}\n`);
  execFileSync(join(javaBin, 'jar'), ['cfm', launcher, manifest], { stdio: 'inherit' });
  return launcher;
}

/** The emulators' JVMs' collector and its pause goal (javaOptions says why). */
const GC_OPTIONS = ['-XX:+UseG1GC', '-XX:MaxGCPauseMillis=50'];

/**
 * The Java options of the emulators' JVMs: java.util.logging as the JDK's defaults, except that the
 * Firestore emulator's WebChannel server does not write three warnings for every message it cannot
 * deliver to the listen channel of a browser that went away (firestore-logging.properties), which
 * firebase-tools copies into firebase-debug.log: GBs an hour and much of the machine's CPU during a
 * soak whose browser loses its network (docs/BENCHMARKS.md, "Soak"). JDK_JAVA_OPTIONS reaches only
 * the `java` launcher firebase-tools starts; options already set come after the collector's (so
 * they can choose another: `-XX:-UseG1GC -XX:+UseZGC`) and before the logging's.
 *
 * The collector is G1 with a pause goal of 50 ms (GC_OPTIONS): which collector runs moves the
 * emulators' latency more than most of our code does. On this 2-core machine the concurrent
 * collectors (ZGC, Shenandoah) share the cores with Chromium and the Functions emulator and their
 * barriers slow every request: a command's round trip p99 was ~350 ms on ZGC against ~265-305 ms on
 * G1, a 12-minute soak's ingest p99 252 ms against 166 (docs/BENCHMARKS.md, "Which collector the
 * emulators run"). ZGC had been chosen because G1's pauses, at its default 200 ms goal, grew to
 * ~390 ms once the Firestore emulator's live heap passed a GB in a soak (it keeps what writes
 * replaced, and the windows were maps then); with the 50 ms goal a 30-minute soak's heap levelled
 * at ~880 MB and its longest pause was 164 ms (same section). A deployed Firestore has neither.
 */
function javaOptions(repoRoot: string): string {
  const logging = `-Djava.util.logging.config.file=${join(repoRoot, 'tools/emulators/firestore-logging.properties')}`;
  const given = process.env['JDK_JAVA_OPTIONS'];
  return [...GC_OPTIONS, ...(given ? [given] : []), logging].join(' ');
}

/** The environment firebase-tools needs to start the emulators on this machine. */
export function emulatorEnv(repoRoot: string): NodeJS.ProcessEnv {
  const javaBin = findJavaBin();
  const launcher = firestoreLauncherJar(join(repoRoot, '.cache'), javaBin);
  return {
    ...process.env,
    PATH: `${javaBin}${delimiter}${process.env['PATH'] ?? ''}`,
    JDK_JAVA_OPTIONS: javaOptions(repoRoot),
    ...(launcher ? { FIRESTORE_EMULATOR_BINARY_PATH: launcher } : {}),
    FUNCTIONS_EMULATOR_PARALLEL: process.env['FUNCTIONS_EMULATOR_PARALLEL'] ?? String(functionsParallelism()),
  };
}

/**
 * How many function invocations the Functions emulator runs at once; the rest wait in its queue.
 * It runs each invocation in a worker process of its own and cold-starts one for every request
 * that finds none idle, up to 50 by default: on a 2-core machine a burst of agents then starts
 * dozens of Node processes that starve each other past the emulator's 30 s load timeout, and
 * throughput collapses (bench:ingest, docs/BENCHMARKS.md). Two per core keeps the cores busy
 * while invocations wait on Firestore. A deployed function's concurrency is its own setting.
 */
function functionsParallelism(): number {
  return 2 * availableParallelism();
}
