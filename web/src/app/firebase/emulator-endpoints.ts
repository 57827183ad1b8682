/** The Emulator Suite's ports, as fixed in firebase.json. */
export const EMULATOR_ENDPOINTS = {
  auth: 'http://127.0.0.1:9099',
  firestore: { host: '127.0.0.1', port: 8080 },
  functions: { host: '127.0.0.1', port: 5001 },
} as const;
