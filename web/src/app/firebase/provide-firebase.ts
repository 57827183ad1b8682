import { inject, type EnvironmentProviders, type Provider } from '@angular/core';
import { FirebaseApp, provideFirebaseApp } from '@angular/fire/app';
import { provideAuth } from '@angular/fire/auth';
import { provideFirestore } from '@angular/fire/firestore';
import { provideFunctions } from '@angular/fire/functions';
import { getApp, initializeApp, type FirebaseOptions } from 'firebase/app';
import { connectAuthEmulator, getAuth } from 'firebase/auth';
import {
  connectFirestoreEmulator,
  initializeFirestore,
  persistentLocalCache,
  persistentMultipleTabManager,
} from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions } from 'firebase/functions';
import { FUNCTIONS_REGION } from '@pulseboard/contracts';
import type { AppCheckSetup } from './app-config';
import { EMULATOR_ENDPOINTS } from './emulator-endpoints';
import { provideAppCheckAs } from './provide-app-check';
import { FUNCTIONS_BASE_URL, functionsBaseUrl } from './functions-base-url';
import { LITE_FIRESTORE, type LiteFirestore } from './uncached-reads';

/**
 * The Firebase services of the app. Firestore keeps a persistent local cache so a reload
 * shows the last data at once (marked stale by the connection status until the listeners are live).
 */
export function provideFirebase(
  options: FirebaseOptions,
  emulators: boolean,
  appCheck: AppCheckSetup,
): (EnvironmentProviders | Provider)[] {
  return [
    provideFirebaseApp(() => initializeApp(options)),
    ...provideAppCheckAs(appCheck),
    provideAuth(() => {
      const auth = getAuth(getApp());
      if (emulators) connectAuthEmulator(auth, EMULATOR_ENDPOINTS.auth, { disableWarnings: true });
      return auth;
    }),
    provideFirestore(() => {
      const firestore = initializeFirestore(getApp(), {
        localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
      });
      if (emulators) {
        connectFirestoreEmulator(firestore, EMULATOR_ENDPOINTS.firestore.host, EMULATOR_ENDPOINTS.firestore.port);
      }
      return firestore;
    }),
    {
      provide: LITE_FIRESTORE,
      useFactory: () => {
        const app = inject(FirebaseApp);
        let loaded: Promise<LiteFirestore> | undefined;
        return () =>
          (loaded ??= import('firebase/firestore/lite').then((sdk) => {
            const firestore = sdk.getFirestore(app);
            if (emulators) {
              sdk.connectFirestoreEmulator(firestore, EMULATOR_ENDPOINTS.firestore.host, EMULATOR_ENDPOINTS.firestore.port);
            }
            return { sdk, firestore };
          }));
      },
    },
    provideFunctions(() => {
      const functions = getFunctions(getApp(), FUNCTIONS_REGION);
      if (emulators) {
        connectFunctionsEmulator(functions, EMULATOR_ENDPOINTS.functions.host, EMULATOR_ENDPOINTS.functions.port);
      }
      return functions;
    }),
    { provide: FUNCTIONS_BASE_URL, useValue: functionsBaseUrl(options.projectId ?? '', emulators) },
  ];
}
