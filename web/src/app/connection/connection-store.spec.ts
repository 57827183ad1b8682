import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { ConnectionStore } from './connection-store';

describe('ConnectionStore', () => {
  it('goes live once every listener is served by the backend', () => {
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: true, hasPendingWrites: false });
    expect(store.status()).toBe('reconnecting');
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false });
    expect(store.status()).toBe('live');
  });

  it('follows the browser going offline and back online', () => {
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false });
    window.dispatchEvent(new Event('offline'));
    expect(store.status()).toBe('offline');
    window.dispatchEvent(new Event('online'));
    expect(store.status()).toBe('live');
  });

  it('forgets a listener that was torn down, so a cached one no longer holds the status back', () => {
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false });
    store.reportListener('old-tenant', { fromCache: true, hasPendingWrites: true });
    expect(store.hasPendingWrites()).toBe(true);
    store.forgetListener('old-tenant');
    expect(store.status()).toBe('live');
    expect(store.hasPendingWrites()).toBe(false);
  });
});
