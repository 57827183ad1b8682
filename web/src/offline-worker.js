/*
 * Pulseboard's service worker: Angular's own (ngsw-worker.js, configured by ngsw-config.json),
 * except that Firebase's endpoints never reach it: other origins (Firestore, Auth, Functions, and
 * the emulators on their own ports) and Hosting's reserved /__/ URLs (the web config, Auth's
 * handlers). The SDK owns those, with its own cache and retries. Angular's worker answers every
 * request it sees (proxying Firestore's long-lived streams, answering 504 for a failed fetch); a
 * listener registered first that stops the event leaves them to the browser, as if there were no
 * worker.
 */
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/__/')) event.stopImmediatePropagation();
});

importScripts('./ngsw-worker.js');
