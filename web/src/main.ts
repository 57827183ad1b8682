import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { loadFirebaseOptions, usesEmulators } from './app/firebase/firebase-options';

loadFirebaseOptions()
  .then((options) => bootstrapApplication(App, appConfig(options, usesEmulators(location.hostname))))
  .catch((error: unknown) => {
    document.body.textContent = 'Pulseboard could not start. Reload the page to try again.';
    throw error;
  });
