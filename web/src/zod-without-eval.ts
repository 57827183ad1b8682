import { config } from 'zod';

/**
 * Hosting's Content-Security-Policy allows no eval. zod compiles object parsers with
 * `new Function` unless told not to, and decides so when each schema is defined: without this,
 * the refused (and caught) attempt is reported as a CSP violation on every load. It is the
 * build's polyfills entry, a script that runs before main's, so it runs before the contracts
 * (in a chunk of their own) define any schema. web/angular.json names the polyfills entries without
 * their `.ts`: the Angular CLI takes an entry with a script extension for zone.js and then turns
 * every async function of the app into a generator (tests/e2e/hosting.e2e.ts, "the build").
 */
config({ jitless: true });
