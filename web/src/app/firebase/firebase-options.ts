import type { FirebaseOptions } from 'firebase/app';

/**
 * Firebase Hosting (and its emulator) serves the project's web config at this reserved URL,
 * so the same build runs against the emulators and a real project without an environment file.
 */
export const FIREBASE_INIT_URL = '/__/firebase/init.json';

export async function loadFirebaseOptions(fetchInit: typeof fetch = fetch): Promise<FirebaseOptions> {
  const response = await fetchInit(FIREBASE_INIT_URL);
  if (!response.ok) {
    throw new Error(`${FIREBASE_INIT_URL} answered ${response.status}: serve the app through Firebase Hosting`);
  }
  return (await response.json()) as FirebaseOptions;
}

/** Served from this machine, the app talks to the local Emulator Suite rather than production. */
export function usesEmulators(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost';
}
