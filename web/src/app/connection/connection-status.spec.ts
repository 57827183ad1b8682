import { describe, expect, it } from 'vitest';
import { deriveConnectionStatus } from './connection-status';

const served = { fromCache: false, hasPendingWrites: false };
const cached = { fromCache: true, hasPendingWrites: false };

describe('deriveConnectionStatus', () => {
  it('is offline when the browser is offline, whatever the listeners say', () => {
    expect(deriveConnectionStatus(false, [served])).toBe('offline');
  });

  it('is live when every listener is served by the backend', () => {
    expect(deriveConnectionStatus(true, [served, { fromCache: false, hasPendingWrites: true }])).toBe('live');
  });

  it('is reconnecting while any listener still serves the cache', () => {
    expect(deriveConnectionStatus(true, [served, cached])).toBe('reconnecting');
  });

  it('is reconnecting before the first listener answers', () => {
    expect(deriveConnectionStatus(true, [])).toBe('reconnecting');
  });
});
