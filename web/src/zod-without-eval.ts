import { config } from 'zod';

/**
 * Hosting's Content-Security-Policy allows no eval. zod compiles object parsers with
 * `new Function` unless told not to, and decides so when each schema is defined: without this,
 * the refused (and caught) attempt is reported as a CSP violation on every load. It is the
 * build's polyfills entry, a script that runs before main's, so it runs before the contracts
 * (in a chunk of their own) define any schema.
 */
config({ jitless: true });
