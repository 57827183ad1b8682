import { describe, expect, it } from 'vitest';
import { deriveConnectionStatus } from './connection-status';

const served = { fromCache: false, hasPendingWrites: false, awaitingBackend: false };
/** Answered by the backend before, or out of time to be: its cache means the backend is not there. */
const cached = { fromCache: true, hasPendingWrites: false, awaitingBackend: false };
/** A listener just started: the SDK's cache answered it, the backend not yet. */
const opening = { fromCache: true, hasPendingWrites: false, awaitingBackend: true };

describe('deriveConnectionStatus', () => {
  it('is offline when the browser is offline, whatever the listeners say or the status was', () => {
    expect(deriveConnectionStatus(false, [served], 'live')).toBe('offline');
  });

  it('is live when every listener is served by the backend', () => {
    expect(deriveConnectionStatus(true, [served, { ...served, hasPendingWrites: true }], 'reconnecting')).toBe('live');
  });

  it('is reconnecting while any listener the backend answered serves the cache, whatever the status was', () => {
    expect(deriveConnectionStatus(true, [served, cached], 'live')).toBe('reconnecting');
    expect(deriveConnectionStatus(true, [opening, cached], 'live')).toBe('reconnecting');
  });

  it('stays live while a page opened on a live connection awaits the backend', () => {
    expect(deriveConnectionStatus(true, [served, opening], 'live')).toBe('live');
    // A tenant switch starts every listener afresh.
    expect(deriveConnectionStatus(true, [opening, opening], 'live')).toBe('live');
    expect(deriveConnectionStatus(true, [], 'live')).toBe('live');
  });

  it('stays reconnecting while the listeners of an app starting, or back from an outage, await the backend', () => {
    expect(deriveConnectionStatus(true, [opening], undefined)).toBe('reconnecting');
    expect(deriveConnectionStatus(true, [served, opening], 'reconnecting')).toBe('reconnecting');
    expect(deriveConnectionStatus(true, [served, opening], 'offline')).toBe('reconnecting');
  });

  it('is reconnecting before the first listener answers', () => {
    expect(deriveConnectionStatus(true, [], undefined)).toBe('reconnecting');
  });
});
