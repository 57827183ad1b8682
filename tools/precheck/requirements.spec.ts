import { describe, expect, it } from 'vitest';
import { missingRequirements } from './requirements';

const ready = { chromiumPath: '/usr/bin/chromium', chromiumRuns: true, javaFound: true, collectdPath: '/usr/sbin/collectd', collectdRuns: true };

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

  it('names the collectd binary it looked at and the packages it needs', () => {
    expect(missingRequirements({ ...ready, collectdRuns: false })).toBe(
      'npm test needs collectd (no executable at /usr/sbin/collectd: `apt-get install collectd-core libyajl2 libcurl3-gnutls`, or set COLLECTD_PATH)',
    );
  });

  it('names all three in one line when all are missing', () => {
    const line = missingRequirements({ ...ready, chromiumRuns: false, javaFound: false, collectdRuns: false }) ?? '';
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/Chromium .*, a JDK >= 21 .*, and collectd/);
  });

  it('names both in one line when both are missing', () => {
    const line = missingRequirements({ ...ready, chromiumRuns: false, javaFound: false }) ?? '';
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/Chromium .* and a JDK >= 21/);
  });
});
