import type { FirebaseOptions } from 'firebase/app';
import { loadKeptJson, type KeptCopies } from './kept-json';

/**
 * Firebase Hosting (and its emulator) serves the project's web config at this reserved URL,
 * so the same build runs against the emulators and a real project without an environment file.
 */
export const FIREBASE_INIT_URL = '/__/firebase/init.json';

/** The copy of the web config kept from the last start (a deployment changes it only with its project). */
export const KEPT_OPTIONS_KEY = 'pulseboard.firebaseOptions';

export async function loadFirebaseOptions(
  fetchInit: typeof fetch = fetch,
  storage: KeptCopies = globalThis.localStorage,
): Promise<FirebaseOptions> {
  return (await loadKeptJson(FIREBASE_INIT_URL, KEPT_OPTIONS_KEY, fetchInit, storage)) as FirebaseOptions;
}

/** Served from this machine, the app talks to the local Emulator Suite rather than production. */
export function usesEmulators(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost';
}
