/*
 * Pulseboard's service worker: Angular's own (ngsw-worker.js, configured by ngsw-config.json),
 * except that Firebase's endpoints never reach it: other origins (Firestore, Auth, Functions, and
 * the emulators on their own ports) and Hosting's reserved /__/ URLs (the web config, Auth's
 * handlers). The SDK owns those, with its own cache and retries. Angular's worker answers every
 * request it sees (proxying Firestore's long-lived streams, answering 504 for a failed fetch); a
 * listener registered first that stops the event leaves them to the browser, as if there were no
 * worker. /app-config.json (APP_CONFIG_URL) too: offline, its fetch must fail like the web config's,
 * so the app starts from the kept copy, not from the 504 Angular's worker would answer.
 */
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const startConfig = url.pathname.startsWith('/__/') || url.pathname === '/app-config.json';
  if (url.origin !== self.location.origin || startConfig) event.stopImmediatePropagation();
});

importScripts('./ngsw-worker.js');
