import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionStore } from './connection-store';

describe('ConnectionStore', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.useRealTimers());

  it('goes live once every listener is served by the backend', () => {
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: true, hasPendingWrites: false, awaitingBackend: true });
    expect(store.status()).toBe('reconnecting');
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false, awaitingBackend: false });
    expect(store.status()).toBe('live');
  });

  it('stays live while the listeners of a page opened on a live connection show the cache first, and not after an outage', () => {
    const served = { fromCache: false, hasPendingWrites: false, awaitingBackend: false };
    const opening = { fromCache: true, hasPendingWrites: false, awaitingBackend: true };
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('member', served);
    expect(store.status()).toBe('live');
    store.reportListener('hosts', opening);
    expect(store.status()).toBe('live');
    expect(store.dataAsOf()).toBeNull();
    // A tenant switch: every listener starts afresh.
    store.forgetListener('member');
    store.forgetListener('hosts');
    store.reportListener('other-member', opening);
    expect(store.status()).toBe('live');

    store.reportListener('other-member', { ...served, fromCache: true });
    expect(store.status()).toBe('reconnecting');
    store.reportListener('alerts', opening);
    expect(store.status()).toBe('reconnecting');
    store.reportListener('other-member', served);
    expect(store.status()).toBe('reconnecting');
    store.reportListener('alerts', served);
    expect(store.status()).toBe('live');
  });

  it('follows the browser going offline and back online', () => {
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false, awaitingBackend: false });
    window.dispatchEvent(new Event('offline'));
    expect(store.status()).toBe('offline');
    window.dispatchEvent(new Event('online'));
    expect(store.status()).toBe('live');
  });

  it('forgets a listener that was torn down, so a cached one no longer holds the status back', () => {
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false, awaitingBackend: false });
    store.reportListener('old-tenant', { fromCache: true, hasPendingWrites: true, awaitingBackend: false });
    expect(store.hasPendingWrites()).toBe(true);
    store.forgetListener('old-tenant');
    expect(store.status()).toBe('live');
    expect(store.hasPendingWrites()).toBe(false);
  });

  it('says the data is as of the moment the screen stopped being live, and keeps that moment for a reload', () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false, awaitingBackend: false });
    TestBed.tick();
    expect(store.dataAsOf()).toBeNull();
    vi.setSystemTime(2_000_000);
    window.dispatchEvent(new Event('offline'));
    TestBed.tick();
    vi.setSystemTime(3_000_000);
    expect(store.dataAsOf()).toBe(2_000_000);
    expect(localStorage.getItem('pulseboard.liveUntil')).toBe('2000000');
  });

  it('after a reload, says the data is as of the kept moment until the listeners are live again', () => {
    localStorage.setItem('pulseboard.liveUntil', '2000000');
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: true, hasPendingWrites: false, awaitingBackend: true });
    expect(store.dataAsOf()).toBe(2_000_000);
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false, awaitingBackend: false });
    expect(store.dataAsOf()).toBeNull();
  });

  it('keeps the moment when the page goes away while live', () => {
    vi.useFakeTimers({ now: 5_000_000, toFake: ['Date'] });
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false, awaitingBackend: false });
    window.dispatchEvent(new Event('pagehide'));
    expect(localStorage.getItem('pulseboard.liveUntil')).toBe('5000000');
  });

  it('ignores a kept moment that is not a time', () => {
    localStorage.setItem('pulseboard.liveUntil', 'soon');
    expect(TestBed.inject(ConnectionStore).liveUntil()).toBeNull();
  });

  it('forgets the kept moment for good: leaving the page live afterwards stores nothing', () => {
    localStorage.setItem('pulseboard.liveUntil', '7');
    const store = TestBed.inject(ConnectionStore);
    store.reportListener('fleet', { fromCache: false, hasPendingWrites: false, awaitingBackend: false });
    store.forgetLiveUntil();
    window.dispatchEvent(new Event('pagehide'));
    expect(localStorage.getItem('pulseboard.liveUntil')).toBeNull();
  });
});
