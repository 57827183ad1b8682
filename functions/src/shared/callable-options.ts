import { defineBoolean } from 'firebase-functions/params';
import type { CallableOptions } from 'firebase-functions/v2/https';

/**
 * Whether callables refuse a request without a valid App Check token (401 `unauthenticated`).
 * Off by default: the web app sends a token only once a reCAPTCHA Enterprise site key is configured
 * (`/app-config.json`), and turning this on before that would lock every operator out. How to turn
 * it on, and what it does and does not protect: docs/DEPLOY.md, "App Check".
 */
export const enforceAppCheck = defineBoolean('ENFORCE_APP_CHECK', { default: false });

/** What every `onCall` is defined with: one place, so a new callable cannot miss App Check. */
export const CALLABLE_OPTIONS = { enforceAppCheck } as const satisfies CallableOptions;
