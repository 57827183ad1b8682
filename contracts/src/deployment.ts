import * as z from 'zod';

/**
 * The one region every function is deployed to, and so the region the web app and the tools
 * call: change it here and `firebase deploy` both moves the functions and points the app at them.
 */
export const FUNCTIONS_REGION = 'us-central1';

/** A reCAPTCHA Enterprise site key or an App Check debug token: letters, digits, `_` and `-`. */
const appCheckKey = z.string().regex(/^[\w-]{1,100}$/, 'letters, digits, _ and - (1 to 100)');

/**
 * The web app's runtime config, `/app-config.json`: a static file Hosting serves beside the app
 * (`{}` as built), which a deploy may replace after the build, so no key is compiled into the code.
 * docs/DEPLOY.md, "App Check".
 */
export const appConfigSchema = z.strictObject({
  appCheck: z
    .strictObject({
      /** The reCAPTCHA Enterprise key of the web app's App Check registration (public: every visitor's browser gets it). */
      siteKey: appCheckKey.optional(),
      /** Local development against the emulators only: a debug token registered in the console, or true for the SDK to make one. */
      debugToken: z.union([z.literal(true), appCheckKey]).optional(),
    })
    .optional(),
});

export type AppConfig = z.infer<typeof appConfigSchema>;
