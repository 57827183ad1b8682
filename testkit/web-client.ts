import { afterEach } from 'vitest';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, getAuth, signInWithEmailAndPassword, type Auth } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore, type Firestore } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions, type Functions } from 'firebase/functions';
import { FUNCTIONS_REGION } from '@pulseboard/contracts';
import { AUTH_HOST, FIRESTORE_HOST, FUNCTIONS_ORIGIN, PROJECT_ID } from './emulators';

export interface WebClient {
  app: FirebaseApp;
  auth: Auth;
  db: Firestore;
  functions: Functions;
  close(): Promise<void>;
}

let clientCount = 0;

/** A signed-in web SDK client, as the browser app has it, in its own FirebaseApp. */
export async function signedInClient(email: string, password: string): Promise<WebClient> {
  const app = initializeApp({ projectId: PROJECT_ID, apiKey: 'demo-key' }, `client-${++clientCount}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://${AUTH_HOST}`, { disableWarnings: true });
  const db = getFirestore(app);
  const [fsHost, fsPort] = FIRESTORE_HOST.split(':');
  connectFirestoreEmulator(db, fsHost ?? '127.0.0.1', Number(fsPort));
  const functions = getFunctions(app, FUNCTIONS_REGION);
  const fnUrl = new URL(FUNCTIONS_ORIGIN);
  connectFunctionsEmulator(functions, fnUrl.hostname, Number(fnUrl.port));
  await signInWithEmailAndPassword(auth, email, password);
  return { app, auth, db, functions, close: () => deleteApp(app) };
}

/**
 * For a spec file that signs users in: a `clientOf(user)` whose clients are all closed after each
 * test, so no listener or app outlives the test that opened it.
 */
export function clientsClosedAfterEach(): (user: { email: string; password: string }) => Promise<WebClient> {
  const open: WebClient[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });
  return async (user) => {
    const client = await signedInClient(user.email, user.password);
    open.push(client);
    return client;
  };
}
