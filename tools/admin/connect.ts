import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { applicationDefault, deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import type { AdminServices } from '../../functions/src/members/grant-role';

export interface Connection {
  readonly services: AdminServices;
  /** Where the tool writes, for people: "the emulators (demo-pulseboard)" or "project my-app". */
  readonly target: string;
  close(): Promise<void>;
}

/** How long the running emulators get to answer before the tool turns to the real project. */
const EMULATOR_PROBE_MS = 1_000;

interface EmulatorHosts {
  firestore: string;
  auth: string;
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/** The value at `keys` inside parsed JSON, or undefined; never a lookup through a prototype. */
function valueAt(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function stringAt(value: unknown, ...keys: string[]): string | undefined {
  const found = valueAt(value, ...keys);
  return typeof found === 'string' ? found : undefined;
}

/** Where the emulators listen: the environment `firebase emulators:exec` sets, else firebase.json. */
function emulatorHosts(repoRoot: string): EmulatorHosts {
  const config = readJson(join(repoRoot, 'firebase.json'));
  const hostOf = (name: string) => `${stringAt(config, 'emulators', name, 'host') ?? '127.0.0.1'}:${String(valueAt(config, 'emulators', name, 'port'))}`;
  return {
    firestore: process.env['FIRESTORE_EMULATOR_HOST'] ?? hostOf('firestore'),
    auth: process.env['FIREBASE_AUTH_EMULATOR_HOST'] ?? hostOf('auth'),
  };
}

async function answers(host: string): Promise<boolean> {
  try {
    await fetch(`http://${host}/`, { signal: AbortSignal.timeout(EMULATOR_PROBE_MS) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The project `firebase use` selected for this directory (firebase-tools keeps it in its
 * configstore, by alias or id), else .firebaserc's default.
 */
function activeProject(repoRoot: string): string | undefined {
  const rc = readJson(join(repoRoot, '.firebaserc'));
  const store = readJson(join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'configstore', 'firebase-tools.json'));
  const active = stringAt(store, 'activeProjects', repoRoot);
  if (active !== undefined) return stringAt(rc, 'projects', active) ?? active;
  return stringAt(rc, 'projects', 'default');
}

/**
 * The Admin SDK against the emulators when they are configured (FIRESTORE_EMULATOR_HOST, as
 * `firebase emulators:exec` sets it) or answer on firebase.json's ports; else against the project of
 * `firebase use`, with application-default credentials (`gcloud auth application-default login`).
 */
export async function connect(repoRoot: string): Promise<Connection> {
  const hosts = emulatorHosts(repoRoot);
  const onEmulators = process.env['FIRESTORE_EMULATOR_HOST'] !== undefined || (await answers(hosts.firestore));
  const projectId = process.env['GCLOUD_PROJECT'] ?? activeProject(repoRoot);
  if (projectId === undefined) throw new Error('no Firebase project: run `npx firebase use --add <project-id>` first');
  if (onEmulators) {
    // The Admin SDK finds the emulators through these.
    process.env['FIRESTORE_EMULATOR_HOST'] = hosts.firestore;
    process.env['FIREBASE_AUTH_EMULATOR_HOST'] = hosts.auth;
    // No Google credential is ever needed against the emulators, yet google-auth-library may still
    // probe for a GCE metadata server in the background and print a MetadataLookupWarning to
    // stderr when a network answers that probe (403 here): 'none' skips the probe.
    process.env['METADATA_SERVER_DETECTION'] ??= 'none';
  }
  const app = initializeApp(onEmulators ? { projectId } : { projectId, credential: applicationDefault() }, 'pulseboard-admin');
  return {
    services: { db: getFirestore(app), auth: getAuth(app) },
    target: onEmulators ? `the emulators (${projectId})` : `project ${projectId}`,
    close: () => deleteApp(app),
  };
}
