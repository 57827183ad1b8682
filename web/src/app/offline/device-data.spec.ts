import { describe, expect, it } from 'vitest';
import { isShellCache } from './device-data';

describe('isShellCache', () => {
  it("keeps the service worker's asset caches and control data", () => {
    expect(isShellCache('ngsw:/:4f2c9e:assets:shell:cache')).toBe(true);
    expect(isShellCache('ngsw:/:db:4f2c9e:assets:shell:meta')).toBe(true);
    expect(isShellCache('ngsw:/:db:control')).toBe(true);
  });

  it('lets any other cache of the origin go: data groups, anything another script stored', () => {
    expect(isShellCache('ngsw:/:1:data:api:cache')).toBe(false);
    expect(isShellCache('ngsw:/:db:1:data:api:lru')).toBe(false);
    expect(isShellCache('tenant-exports')).toBe(false);
    expect(isShellCache('x:assets:y')).toBe(false);
  });
});
