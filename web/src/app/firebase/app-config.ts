import { appConfigSchema, describeIssues, type AppConfig } from '@pulseboard/contracts';
import { loadKeptJson, type KeptCopies } from './kept-json';

/** Where Hosting serves the app's runtime config (`appConfigSchema`; docs/DEPLOY.md, "App Check"). */
export const APP_CONFIG_URL = '/app-config.json';

/** The copy kept from the last start, so an offline start keeps App Check as it was. */
export const KEPT_APP_CONFIG_KEY = 'pulseboard.appConfig';

export async function loadAppConfig(fetchConfig: typeof fetch = fetch, storage: KeptCopies = globalThis.localStorage): Promise<AppConfig> {
  const parsed = appConfigSchema.safeParse(await loadKeptJson(APP_CONFIG_URL, KEPT_APP_CONFIG_KEY, fetchConfig, storage));
  if (!parsed.success) throw new Error(`${APP_CONFIG_URL} is not valid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** How the app attests itself to Firebase App Check, if at all. */
export type AppCheckSetup =
  | { readonly kind: 'off' }
  | { readonly kind: 'recaptcha-enterprise'; readonly siteKey: string }
  | { readonly kind: 'debug'; readonly debugToken: string | true };

const OFF: AppCheckSetup = { kind: 'off' };

/**
 * Against the emulators App Check is off unless a debug token is configured (the emulators do not
 * check tokens, and reCAPTCHA would need the network and its CSP additions). In production only a
 * site key turns it on: a debug token there is ignored, since a file every visitor can read would
 * hand anyone a token that passes App Check.
 */
export function appCheckSetup(config: AppConfig, emulators: boolean): AppCheckSetup {
  const { siteKey, debugToken } = config.appCheck ?? {};
  if (emulators) return debugToken === undefined ? OFF : { kind: 'debug', debugToken };
  return siteKey === undefined ? OFF : { kind: 'recaptcha-enterprise', siteKey };
}
