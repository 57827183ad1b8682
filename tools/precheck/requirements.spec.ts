import { describe, expect, it } from 'vitest';
import { missingRequirements } from './requirements';

const ready = { chromiumPath: '/usr/bin/chromium', chromiumRuns: true, javaFound: true };

describe('missingRequirements', () => {
  it('says nothing when Chromium and Java are there', () => {
    expect(missingRequirements(ready)).toBeUndefined();
  });

  it('names the Chromium path it looked at and how to install or point at one', () => {
    const line = missingRequirements({ ...ready, chromiumPath: '/opt/chrome', chromiumRuns: false });
    expect(line).toBe(
      'npm test needs Chromium (no executable at /opt/chrome: `apt-get install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary)',
    );
  });

  it('names the JDK and how to install it', () => {
    expect(missingRequirements({ ...ready, javaFound: false })).toMatch(/^npm test needs a JDK >= 21 .*openjdk-21-jdk-headless.*JAVA_HOME/);
  });

  it('names both in one line when both are missing', () => {
    const line = missingRequirements({ ...ready, chromiumRuns: false, javaFound: false }) ?? '';
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/Chromium .* and a JDK >= 21/);
  });
});
