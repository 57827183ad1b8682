/**
 * The one region every function is deployed to, and so the region the web app and the tools
 * call: change it here and `firebase deploy` both moves the functions and points the app at them.
 */
export const FUNCTIONS_REGION = 'us-central1';
