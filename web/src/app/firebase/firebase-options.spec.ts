import { describe, expect, it } from 'vitest';
import { FIREBASE_INIT_URL, KEPT_OPTIONS_KEY, loadFirebaseOptions, usesEmulators } from './firebase-options';

const OPTIONS = { projectId: 'demo-pulseboard', apiKey: 'k' };
const offline = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch');
};

describe('loadFirebaseOptions', () => {
  it('reads the web config Firebase Hosting serves', async () => {
    const asked: string[] = [];
    const options = await loadFirebaseOptions(async (url) => {
      asked.push(String(url));
      return new Response(JSON.stringify({ projectId: 'demo-pulseboard', apiKey: 'k' }), { status: 200 });
    });
    expect(asked).toEqual([FIREBASE_INIT_URL]);
    expect(options.projectId).toBe('demo-pulseboard');
  });

  it('keeps the config it read, and starts from that copy without a network', async () => {
    const storage = new Map<string, string>();
    const kept = { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => void storage.set(key, value) };
    await loadFirebaseOptions(async () => new Response(JSON.stringify(OPTIONS), { status: 200 }), kept);
    expect(storage.get(KEPT_OPTIONS_KEY)).toBe(JSON.stringify(OPTIONS));
    await expect(loadFirebaseOptions(offline, kept)).resolves.toEqual(OPTIONS);
  });

  it('fails without a network when no config was kept', async () => {
    const empty = { getItem: () => null, setItem: () => undefined };
    await expect(loadFirebaseOptions(offline, empty)).rejects.toThrow('Failed to fetch');
  });

  it('says how to fix a page not served through Firebase Hosting', async () => {
    await expect(loadFirebaseOptions(async () => new Response('not found', { status: 404 }))).rejects.toThrow(
      /answered 404: serve the app through Firebase Hosting/,
    );
  });
});

describe('usesEmulators', () => {
  it('connects the emulators only when served from this machine', () => {
    expect(usesEmulators('127.0.0.1')).toBe(true);
    expect(usesEmulators('localhost')).toBe(true);
    expect(usesEmulators('demo-pulseboard.web.app')).toBe(false);
  });
});
