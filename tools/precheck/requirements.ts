/**
 * What `npm test` needs from the machine beyond `npm ci`, checked before anything is built: the
 * browser tests drive a Chromium binary, and the Firestore emulator needs a JDK >= 21. One line
 * names everything missing and how to get it, instead of minutes of building and then eight
 * failures with Playwright's message.
 */

export interface MachineFacts {
  /** The Chromium binary the browser tests would launch (CHROMIUM_PATH, else Debian's). */
  chromiumPath: string;
  chromiumRuns: boolean;
  /** Whether a JDK >= 21 was found in JAVA_HOME, /usr/lib/jvm or PATH. */
  javaFound: boolean;
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
  return missing.length === 0 ? undefined : `npm test needs ${missing.join(' and ')}`;
}
