import { describe, expect, it } from 'vitest';
import { APP_CONFIG_URL, KEPT_APP_CONFIG_KEY, appCheckSetup, loadAppConfig } from './app-config';

const SITE_KEY = '6LcExampleSiteKey_0123456789abcdefghijklm';
const served = (body: unknown) => async () => new Response(JSON.stringify(body), { status: 200 });
const noCopies = { getItem: () => null, setItem: () => undefined };

describe('appCheckSetup', () => {
  it('is off when nothing is configured, in production and against the emulators', () => {
    expect(appCheckSetup({}, false)).toEqual({ kind: 'off' });
    expect(appCheckSetup({ appCheck: {} }, true)).toEqual({ kind: 'off' });
  });

  it('attests with reCAPTCHA Enterprise in production when a site key is configured', () => {
    expect(appCheckSetup({ appCheck: { siteKey: SITE_KEY } }, false)).toEqual({ kind: 'recaptcha-enterprise', siteKey: SITE_KEY });
  });

  it('stays off against the emulators with only a site key', () => {
    expect(appCheckSetup({ appCheck: { siteKey: SITE_KEY } }, true)).toEqual({ kind: 'off' });
  });

  it('uses a configured debug token against the emulators, whether given or left to the SDK', () => {
    expect(appCheckSetup({ appCheck: { siteKey: SITE_KEY, debugToken: 'dev-token-1' } }, true)).toEqual({
      kind: 'debug',
      debugToken: 'dev-token-1',
    });
    expect(appCheckSetup({ appCheck: { debugToken: true } }, true)).toEqual({ kind: 'debug', debugToken: true });
  });

  it('ignores a debug token in production, where every visitor could read it', () => {
    expect(appCheckSetup({ appCheck: { debugToken: 'dev-token-1' } }, false)).toEqual({ kind: 'off' });
    expect(appCheckSetup({ appCheck: { siteKey: SITE_KEY, debugToken: 'dev-token-1' } }, false)).toEqual({
      kind: 'recaptcha-enterprise',
      siteKey: SITE_KEY,
    });
  });
});

describe('loadAppConfig', () => {
  it('reads the config Hosting serves and keeps a copy for an offline start', async () => {
    const storage = new Map<string, string>();
    const kept = { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => void storage.set(key, value) };
    const asked: string[] = [];
    const config = await loadAppConfig(async (url) => {
      asked.push(String(url));
      return new Response(JSON.stringify({ appCheck: { siteKey: SITE_KEY } }), { status: 200 });
    }, kept);
    expect(asked).toEqual([APP_CONFIG_URL]);
    expect(config).toEqual({ appCheck: { siteKey: SITE_KEY } });
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    await expect(loadAppConfig(offline, kept)).resolves.toEqual({ appCheck: { siteKey: SITE_KEY } });
    expect(storage.has(KEPT_APP_CONFIG_KEY)).toBe(true);
  });

  it('accepts the empty config the build ships', async () => {
    await expect(loadAppConfig(served({}), noCopies)).resolves.toEqual({});
  });

  it('refuses a config it does not understand, saying where', async () => {
    await expect(loadAppConfig(served({ appCheck: { siteKey: '' } }), noCopies)).rejects.toThrow(/appCheck\.siteKey/);
    await expect(loadAppConfig(served({ appCheck: { sitekey: SITE_KEY } }), noCopies)).rejects.toThrow(/sitekey/);
    await expect(loadAppConfig(served({ appCheck: { debugToken: false } }), noCopies)).rejects.toThrow(/appCheck\.debugToken/);
  });
});
