import { isDevMode, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import type { FirebaseOptions } from 'firebase/app';
import { routes } from './app.routes';
import { withStaleChunkReload } from './deploy/stale-chunk';
import type { AppCheckSetup } from './firebase/app-config';
import { provideFirebase } from './firebase/provide-firebase';

export function appConfig(firebaseOptions: FirebaseOptions, emulators: boolean, appCheck: AppCheckSetup): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideZonelessChangeDetection(),
      provideRouter(routes, withComponentInputBinding(), withStaleChunkReload()),
      provideFirebase(firebaseOptions, emulators, appCheck),
      // Registered at once, not when the app is first stable (the default, up to 30 s later): the
      // shell must be cached before the network drops, which may be a moment after the first visit.
      provideServiceWorker('offline-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerImmediately' }),
    ],
  };
}
