/**
 * What `npm test` needs from the machine beyond `npm ci`, checked before anything is built: the
 * browser tests drive a Chromium binary, the Firestore emulator needs a JDK >= 21, and the
 * collectd integration test runs Debian's collectd daemon. One line
 * names everything missing and how to get it, instead of minutes of building and then eight
 * failures with Playwright's message.
 */

export interface MachineFacts {
  /** The Chromium binary the browser tests would launch (CHROMIUM_PATH, else Debian's). */
  chromiumPath: string;
  chromiumRuns: boolean;
  /** Whether a JDK >= 21 was found in JAVA_HOME, /usr/lib/jvm or PATH. */
  javaFound: boolean;
  /** The collectd binary the integration test starts (COLLECTD_PATH, else Debian's). */
  collectdPath: string;
  collectdRuns: boolean;
}

/** The one line to stop with, or undefined when the machine has everything. */
export function missingRequirements(facts: MachineFacts): string | undefined {
  const missing: string[] = [];
  if (!facts.chromiumRuns) {
    missing.push(
      `Chromium (no executable at ${facts.chromiumPath}: \`apt-get install chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome binary)`,
    );
  }
  if (!facts.javaFound) {
    missing.push('a JDK >= 21 for the Firestore emulator (`apt-get install openjdk-21-jdk-headless` or Temurin 21+, or set JAVA_HOME to one)');
  }
  if (!facts.collectdRuns) {
    missing.push(`collectd (no executable at ${facts.collectdPath}: \`apt-get install collectd-core libyajl2 libcurl3-gnutls\`, or set COLLECTD_PATH)`);
  }
  return missing.length === 0 ? undefined : `npm test needs ${new Intl.ListFormat('en', { type: 'conjunction' }).format(missing)}`;
}
