import { describe, expect, it } from 'vitest';
import { STALE_CHUNK_RELOAD_GUARD_MS, isStaleChunkError, shouldReloadForStaleChunk } from './stale-chunk';

const now = Date.parse('2026-12-02T08:00:00Z');
const chromium = new TypeError('Failed to fetch dynamically imported module: https://pulseboard.web.app/chunk-LA3BWTPJ.js');

describe('isStaleChunkError', () => {
  it('knows how Chromium, Firefox and Safari say a lazy chunk is missing', () => {
    const messages = [chromium.message, 'error loading dynamically imported module: /chunk-X.js', 'Importing a module script failed.'];
    expect(messages.map((message) => isStaleChunkError(new TypeError(message)))).toEqual([true, true, true]);
  });

  it('leaves every other navigation error alone', () => {
    expect([new Error('NG04002: Cannot match any routes'), 'Failed to fetch dynamically imported module', undefined].map(isStaleChunkError)).toEqual([false, false, false]);
  });
});

describe('shouldReloadForStaleChunk', () => {
  it('reloads for a missing chunk when this tab has not reloaded for one', () => {
    expect(shouldReloadForStaleChunk(chromium, null, now)).toBe(true);
  });

  it('does not reload again within the guard, so a broken deploy cannot loop', () => {
    expect(shouldReloadForStaleChunk(chromium, now - STALE_CHUNK_RELOAD_GUARD_MS + 1, now)).toBe(false);
  });

  it('reloads again for a later deploy once the guard has passed', () => {
    expect(shouldReloadForStaleChunk(chromium, now - STALE_CHUNK_RELOAD_GUARD_MS, now)).toBe(true);
  });

  it('never reloads for another error', () => {
    expect(shouldReloadForStaleChunk(new Error('permission-denied'), null, now)).toBe(false);
  });
});
