/**
 * The Firebase SDK looks for defaults a host may inject (`__FIREBASE_DEFAULTS__` as a global, an
 * environment variable or a cookie: `getDefaults` in @firebase/util) whenever it asks whether it
 * runs in Node or reads a setting, the first time while its Auth module is evaluated, and reads
 * `document.cookie` each time none is found: a synchronous call into the browser's cookie store,
 * which took 46 ms of one returning visit's open (docs/BENCHMARKS.md). Pulseboard injects none
 * (its web config comes from /__/firebase/init.json) and says so with an empty global, which
 * spares every read; a host that does inject the global keeps its own. A polyfills entry, as
 * zod-without-eval.ts is: it runs before main and every chunk main imports.
 */
declare global {
  var __FIREBASE_DEFAULTS__: object | undefined;
}

globalThis.__FIREBASE_DEFAULTS__ ??= {};

export {};
