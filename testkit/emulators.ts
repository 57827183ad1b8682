import { FUNCTIONS_REGION } from '@pulseboard/contracts';

/**
 * Where the running emulators are. `firebase emulators:exec` exports these variables; the
 * defaults are firebase.json's ports, for tools run beside `npm start`.
 */
export const PROJECT_ID = process.env['GCLOUD_PROJECT'] ?? 'demo-pulseboard';
export const FIRESTORE_HOST = process.env['FIRESTORE_EMULATOR_HOST'] ?? '127.0.0.1:8080';
export const AUTH_HOST = process.env['FIREBASE_AUTH_EMULATOR_HOST'] ?? '127.0.0.1:9099';
export const FUNCTIONS_ORIGIN = `http://${process.env['FUNCTIONS_EMULATOR_HOST'] ?? '127.0.0.1:5001'}`;

export function functionUrl(name: string): string {
  return `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${FUNCTIONS_REGION}/${name}`;
}

// The Admin SDK reads these to find the emulators.
process.env['FIRESTORE_EMULATOR_HOST'] = FIRESTORE_HOST;
process.env['FIREBASE_AUTH_EMULATOR_HOST'] = AUTH_HOST;
process.env['GCLOUD_PROJECT'] = PROJECT_ID;
