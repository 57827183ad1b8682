/**
 * How long a test waits for a notification to reach its receiver. Retries back off 2 s, 4 s, 8 s in
 * the tasks emulator (DELIVERY_RETRY); a few tries fit in this, and so does the alert trigger and the
 * first dispatch's cold start of deliverNotification on a busy 2-core machine.
 */
export const DELIVERY_TIMEOUT_MS = 60_000;
