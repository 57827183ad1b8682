import { ErrorHandler } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { SessionStore } from '../session/session-store';
import { FakeAuthGateway, FakeFleetGateway, FakeTenantGateway, liveWindowAt, tenantSettings } from '../testing/fake-gateways';
import { TENANT_GATEWAY } from '../tenant/tenant-gateway';
import { FLEET_GATEWAY } from './fleet-gateway';
import { FleetStore } from './fleet-store';

describe('FleetStore', () => {
  let auth: FakeAuthGateway;
  let fleet: FakeFleetGateway;
  let tenant: FakeTenantGateway;
  let reported: unknown[];

  function createStore() {
    TestBed.configureTestingModule({
      providers: [
        FleetStore,
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: FLEET_GATEWAY, useValue: fleet },
        { provide: TENANT_GATEWAY, useValue: tenant },
        { provide: ErrorHandler, useValue: { handleError: (error: unknown) => reported.push(error) } },
      ],
    });
    const store = TestBed.inject(FleetStore);
    TestBed.tick();
    return store;
  }

  const newest = Date.now() - (Date.now() % 10_000);
  const ago = (windows: number) => newest - windows * 10_000;

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    fleet = new FakeFleetGateway();
    tenant = new FakeTenantGateway();
    reported = [];
    auth.signInAs({ alpha: 'viewer', beta: 'viewer' });
  });

  it('shows the fleet CPU of the newest window and the summary’s windows as its sparkline', () => {
    const store = createStore();
    fleet.pushOverview('alpha', { windows: [liveWindowAt(ago(1), { cpu: [10] }), liveWindowAt(ago(0), { cpu: [40, 60] })] });
    const cpu = store.cards().find((card) => card.metric === 'cpu');
    expect(cpu?.value).toBe(50);
    expect(cpu?.history).toEqual([10, 50]);
    expect(cpu?.historySpanMs).toBe(20_000);
  });

  it("judges each card's figure by the tenant's levels for its metric", () => {
    const store = createStore();
    tenant.tenants.for('alpha').next(tenantSettings({ thresholds: { cpu: { warning: 80, critical: 95 }, requests: { warning: 1, critical: 1_000_000 } } }));
    fleet.pushOverview('alpha', { windows: [liveWindowAt(ago(0), { cpu: [94, 99], requests: [10], active_users: [5] })] });
    const levels = Object.fromEntries(store.cards().map((card) => [card.metric, card.level]));
    expect(levels).toEqual({ cpu: 'critical', requests: 'warning', active_users: null });
  });

  it('multiplies a total gauge by the hosts the summary says report in the newest window', () => {
    const store = createStore();
    fleet.pushOverview('alpha', { windows: [liveWindowAt(ago(0), { active_users: [10, 30] })], reporting: { active_users: 3 } });
    expect(store.cards().find((card) => card.metric === 'active_users')?.value).toBe(60);
  });

  it('shows the health counts and top hosts as the fold left them', () => {
    const store = createStore();
    const health = { ok: 1, warning: 2, critical: 3, stale: 4, silenced: 5 };
    fleet.pushOverview('alpha', { health, hostCount: 15, topByCpu: [{ host: 'web-02', value: 85 }], topByErrors: [{ host: 'web-03', value: 7 }] });
    expect(store.health()).toEqual(health);
    expect(store.topByCpu()).toEqual([{ host: 'web-02', value: 85 }]);
    expect(store.topByErrors()).toEqual([{ host: 'web-03', value: 7 }]);
  });

  it('has no data until a batch has been folded, and has some once a window or a host is in the summary', () => {
    const store = createStore();
    fleet.overviews.for('alpha').next(null);
    expect(store.hasNoData()).toBe(true);
    fleet.pushOverview('alpha');
    expect(store.hasNoData()).toBe(true);
    fleet.pushOverview('alpha', { windows: [liveWindowAt(ago(0), { cpu: [1] })] });
    expect(store.hasNoData()).toBe(false);
    fleet.pushOverview('alpha', { hostCount: 1 });
    expect(store.hasNoData()).toBe(false);
  });

  it('is loading until the summary has answered', () => {
    const store = createStore();
    expect(store.loading()).toBe(true);
    fleet.pushOverview('alpha');
    expect(store.loading()).toBe(false);
  });

  it('says why when a listener fails, and reports it', () => {
    const store = createStore();
    const denied = new Error('Missing or insufficient permissions.');
    fleet.overviews.for('alpha').error(denied);
    expect(store.listenerError()).toContain('Missing or insufficient permissions.');
    expect(reported).toEqual([denied]);
  });

  it('on a tenant switch stops the old listeners and never shows the old tenant’s data', () => {
    const store = createStore();
    tenant.tenants.for('alpha').next(tenantSettings());
    fleet.pushOverview('alpha', { windows: [liveWindowAt(ago(0), { cpu: [30] })], topByCpu: [{ host: 'alpha-host', value: 20 }] });
    TestBed.inject(SessionStore).selectTenant('beta');
    TestBed.tick();
    expect(store.topByCpu()).toEqual([]);
    expect(store.cards().every((card) => card.history.length === 0)).toBe(true);
    expect(fleet.overviews.listening('alpha')).toBe(false);
    expect(fleet.overviews.listening('beta')).toBe(true);
  });
});
