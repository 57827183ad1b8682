import { describe, expect, it } from 'vitest';
import { FIREBASE_INIT_URL, loadFirebaseOptions, usesEmulators } from './firebase-options';

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
