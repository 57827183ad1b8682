import type { FirebaseOptions } from 'firebase/app';

/**
 * Firebase Hosting (and its emulator) serves the project's web config at this reserved URL,
 * so the same build runs against the emulators and a real project without an environment file.
 */
export const FIREBASE_INIT_URL = '/__/firebase/init.json';

/**
 * The copy of the web config kept from the last start, so the app also starts without a network.
 * It is the project's public config (the same for every user), not tenant data: sign-out keeps it.
 */
export const KEPT_OPTIONS_KEY = 'pulseboard.firebaseOptions';

export async function loadFirebaseOptions(
  fetchInit: typeof fetch = fetch,
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage,
): Promise<FirebaseOptions> {
  let response: Response;
  try {
    response = await fetchInit(FIREBASE_INIT_URL);
  } catch (error) {
    // No network: start from the kept copy (a deployment changes it only with its project).
    const kept = storage?.getItem(KEPT_OPTIONS_KEY);
    if (kept) return JSON.parse(kept) as FirebaseOptions;
    throw error;
  }
  if (!response.ok) {
    throw new Error(`${FIREBASE_INIT_URL} answered ${response.status}: serve the app through Firebase Hosting`);
  }
  const options = (await response.json()) as FirebaseOptions;
  storage?.setItem(KEPT_OPTIONS_KEY, JSON.stringify(options));
  return options;
}

/** Served from this machine, the app talks to the local Emulator Suite rather than production. */
export function usesEmulators(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost';
}
