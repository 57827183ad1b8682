import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { alertOf, FakeAlertsGateway, FakeAuthGateway } from '../testing/fake-gateways';
import { ALERTS_GATEWAY } from './alerts-gateway';
import { AlertsStore } from './alerts-store';
import { DismissedAlertsStore } from './dismissed-alerts-store';

describe('AlertsStore', () => {
  let gateway: FakeAlertsGateway;

  function createStore(uid?: string) {
    const auth = new FakeAuthGateway();
    auth.signInAs({ alpha: 'operator' }, uid);
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: ALERTS_GATEWAY, useValue: gateway },
      ],
    });
    const store = TestBed.inject(AlertsStore);
    TestBed.tick();
    return store;
  }

  beforeEach(() => {
    localStorage.clear();
    gateway = new FakeAlertsGateway();
  });

  it('is loading until both listeners have delivered, not showing an empty list as the answer', () => {
    const store = createStore();
    expect(store.loading()).toBe(true);
    gateway.alerts.for('alpha').next([]);
    expect(store.loading()).toBe(true);
    gateway.unresolved.for('alpha').next([]);
    expect(store.loading()).toBe(false);
    expect(store.listenerError()).toBeNull();
  });

  it('keeps why a listener failed, and stops loading', () => {
    const store = createStore();
    gateway.alerts.for('alpha').error(new Error('Missing or insufficient permissions.'));
    expect(store.listenerError()).toBe('Missing or insufficient permissions.');
    expect(store.loading()).toBe(false);
  });

  it('keeps the tenant’s alerts newest first, as the listener delivers them', () => {
    const store = createStore();
    gateway.alerts.for('alpha').next([alertOf('a2', { openedAt: 2_000 }), alertOf('a1', { openedAt: 1_000 })]);
    expect(store.alerts().map((alert) => alert.id)).toEqual(['a2', 'a1']);
  });

  it('lists an open alert older than the newest page, once, in its place by opening time', () => {
    const store = createStore();
    gateway.alerts.for('alpha').next([alertOf('new', { openedAt: 3_000, state: 'resolved' }), alertOf('mid', { openedAt: 2_000 })]);
    gateway.unresolved.for('alpha').next([alertOf('mid', { openedAt: 2_000 }), alertOf('ancient', { openedAt: 1 })]);
    expect(store.alerts().map((alert) => alert.id)).toEqual(['new', 'mid', 'ancient']);
  });

  it('takes an alert’s newer copy from the unresolved listener', () => {
    const store = createStore();
    gateway.alerts.for('alpha').next([alertOf('a1', { state: 'open' })]);
    gateway.unresolved.for('alpha').next([alertOf('a1', { state: 'acknowledged' })]);
    expect(store.alerts().map((alert) => alert.state)).toEqual(['acknowledged']);
  });

  it('banners the newest open critical alert, not warnings or acknowledged ones', () => {
    const store = createStore();
    gateway.alerts.for('alpha').next([
      alertOf('warn', { level: 'warning' }),
      alertOf('acked', { state: 'acknowledged' }),
      alertOf('crit-new', { openedAt: 3_000 }),
      alertOf('crit-old', { openedAt: 2_000 }),
    ]);
    expect(store.newestCritical()?.id).toBe('crit-new');
  });

  it('has no banner without an open critical alert', () => {
    const store = createStore();
    gateway.alerts.for('alpha').next([alertOf('warn', { level: 'warning' }), alertOf('done', { state: 'resolved' })]);
    expect(store.newestCritical()).toBeNull();
  });

  it('banners the next critical alert once the user dismisses one, and keeps the dismissal across reloads', () => {
    const store = createStore();
    const critical = [alertOf('crit-new', { openedAt: 3_000 }), alertOf('crit-old', { openedAt: 2_000 })];
    gateway.alerts.for('alpha').next(critical);
    TestBed.inject(DismissedAlertsStore).dismiss('crit-new');
    expect(store.newestCritical()?.id).toBe('crit-old');

    TestBed.resetTestingModule();
    const reloaded = createStore();
    gateway.alerts.for('alpha').next(critical);
    expect(reloaded.newestCritical()?.id).toBe('crit-old');
  });

  it('keeps one user’s dismissals from another user of the same browser', () => {
    createStore('user-a');
    gateway.alerts.for('alpha').next([alertOf('crit', {})]);
    TestBed.inject(DismissedAlertsStore).dismiss('crit');

    TestBed.resetTestingModule();
    const other = createStore('user-b');
    gateway.alerts.for('alpha').next([alertOf('crit', {})]);
    expect(other.newestCritical()?.id).toBe('crit');
  });
});
