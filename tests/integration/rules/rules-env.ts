import { readFileSync } from 'node:fs';
import { initializeTestEnvironment, type RulesTestContext, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import firebase from 'firebase/compat/app';
import 'firebase/compat/firestore';
import type { Role } from '@pulseboard/contracts';
import { FIRESTORE_HOST, PROJECT_ID } from '../../../testkit/emulators';

// Every denial is expected here; the SDK would log each one as a stream error.
firebase.firestore.setLogLevel('silent');

/** The rules under test, served by the shared Firestore emulator. Never cleared: tenants are unique per file. */
export async function rulesEnvironment(): Promise<RulesTestEnvironment> {
  const [host, port] = FIRESTORE_HOST.split(':');
  return initializeTestEnvironment({
    projectId: PROJECT_ID,
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host ?? '127.0.0.1', port: Number(port) },
  });
}

/** A signed-in context whose token carries `tenants: memberships`, as setMemberRole leaves it. */
export function memberContext(env: RulesTestEnvironment, uid: string, memberships: Record<string, Role | string>): RulesTestContext {
  return env.authenticatedContext(uid, { tenants: memberships });
}

export const serverTimestamp = (): firebase.firestore.FieldValue => firebase.firestore.FieldValue.serverTimestamp();

/** A click time as the web app sends it: the client's clock, as a Firestore timestamp. */
export const clickTime = (epochMs = Date.now()): firebase.firestore.Timestamp => firebase.firestore.Timestamp.fromMillis(epochMs);
