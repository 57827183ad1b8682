import { provideBrowserGlobalErrorListeners, provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import type { FirebaseOptions } from 'firebase/app';
import { routes } from './app.routes';
import { withStaleChunkReload } from './deploy/stale-chunk';
import { provideFirebase } from './firebase/provide-firebase';

export function appConfig(firebaseOptions: FirebaseOptions, emulators: boolean): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideZonelessChangeDetection(),
      provideRouter(routes, withComponentInputBinding(), withStaleChunkReload()),
      provideFirebase(firebaseOptions, emulators),
    ],
  };
}
