import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { appCheckSetup, loadAppConfig } from './app/firebase/app-config';
import { loadFirebaseOptions, usesEmulators } from './app/firebase/firebase-options';

const emulators = usesEmulators(location.hostname);

Promise.all([loadFirebaseOptions(), loadAppConfig()])
  .then(([options, config]) => bootstrapApplication(App, appConfig(options, emulators, appCheckSetup(config, emulators))))
  .catch((error: unknown) => {
    document.body.textContent = 'Pulseboard could not start. Reload the page to try again.';
    throw error;
  });
