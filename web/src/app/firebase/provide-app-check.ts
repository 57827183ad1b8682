import type { EnvironmentProviders } from '@angular/core';
import { initializeAppCheck, provideAppCheck } from '@angular/fire/app-check';
import { getApp } from 'firebase/app';
import { CustomProvider, ReCaptchaEnterpriseProvider } from 'firebase/app-check';
import type { AppCheckSetup } from './app-config';

/** The SDK's switch to debug mode: a global it reads once, when App Check is initialised. */
type DebugTokenGlobal = { FIREBASE_APPCHECK_DEBUG_TOKEN?: string | true };

/**
 * App Check as `appCheckSetup` decided: nothing when off. AngularFire starts it before Firestore,
 * Functions and Auth (they wait for it when it is provided), so their first request carries a token.
 * Its SDK is in the first load either way: AngularFire's Firestore, Functions and Auth import it.
 */
export function provideAppCheckAs(setup: AppCheckSetup): EnvironmentProviders[] {
  if (setup.kind === 'off') return [];
  return [provideAppCheck(() => initializeAppCheck(getApp(), { provider: attestation(setup), isTokenAutoRefreshEnabled: true }))];
}

function attestation(setup: Exclude<AppCheckSetup, { kind: 'off' }>): ReCaptchaEnterpriseProvider | CustomProvider {
  if (setup.kind === 'recaptcha-enterprise') return new ReCaptchaEnterpriseProvider(setup.siteKey);
  (globalThis as DebugTokenGlobal).FIREBASE_APPCHECK_DEBUG_TOKEN = setup.debugToken;
  // In debug mode the SDK exchanges the debug token and never asks the provider; unlike the
  // reCAPTCHA one, this provider loads no script.
  return new CustomProvider({ getToken: () => Promise.reject(new Error('App Check is in debug mode')) });
}
