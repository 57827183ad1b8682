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
