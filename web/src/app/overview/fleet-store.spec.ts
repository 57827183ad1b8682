import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthGateway } from '../session/auth-gateway';
import { SessionStore } from '../session/session-store';
import { FakeAuthGateway, FakeFleetGateway, fleetShard, hostAt, tenantSettings } from '../testing/fake-gateways';
import { FleetGateway } from './fleet-gateway';
import { FleetStore } from './fleet-store';

describe('FleetStore', () => {
  let auth: FakeAuthGateway;
  let fleet: FakeFleetGateway;

  function createStore() {
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthGateway, useValue: auth },
        { provide: FleetGateway, useValue: fleet },
      ],
    });
    const store = TestBed.inject(FleetStore);
    TestBed.tick();
    return store;
  }

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    fleet = new FakeFleetGateway();
    auth.signInAs({ alpha: 'viewer', beta: 'viewer' });
  });

  it('shows the fleet CPU of the newest window, summed over its shards', () => {
    const store = createStore();
    const now = Date.now();
    const start = now - (now % 10_000);
    fleet.shards.for('alpha').next([
      fleetShard(start - 10_000, 0, { cpu: [10] }),
      fleetShard(start, 0, { cpu: [40] }),
      fleetShard(start, 1, { cpu: [60] }),
    ]);
    const cpu = store.cards().find((card) => card.metric === 'cpu');
    expect(cpu?.value).toBe(50);
    expect(cpu?.history).toEqual([10, 50]);
    expect(cpu?.historySpanMs).toBe(20_000);
  });

  it('counts hosts by health, stale from lastSeen and the tenant setting', () => {
    const store = createStore();
    const now = Date.now();
    fleet.tenants.for('alpha').next(tenantSettings({ staleAfterSeconds: 60 }));
    fleet.hosts.for('alpha').next([
      hostAt('web-01', now, { cpu: 20 }),
      hostAt('web-02', now, { cpu: 85 }),
      hostAt('web-03', now, { cpu: 99 }),
      hostAt('web-04', now - 120_000, { cpu: 20 }),
    ]);
    expect(store.health()).toMatchObject({ ok: 1, warning: 1, critical: 1, stale: 1 });
  });

  it('ranks the top hosts by CPU and by errors', () => {
    const store = createStore();
    const now = Date.now();
    fleet.tenants.for('alpha').next(tenantSettings());
    fleet.hosts.for('alpha').next([
      hostAt('web-01', now, { cpu: 20 }, 3),
      hostAt('web-02', now, { cpu: 85 }),
      hostAt('web-03', now, { cpu: 50 }, 7),
    ]);
    expect(store.topByCpu().map((row) => row.host)).toEqual(['web-02', 'web-03', 'web-01']);
    expect(store.topByErrors().map((row) => row.host)).toEqual(['web-03', 'web-01']);
  });

  it('on a tenant switch stops the old listeners and never shows the old tenant’s data', () => {
    const store = createStore();
    fleet.tenants.for('alpha').next(tenantSettings());
    fleet.hosts.for('alpha').next([hostAt('alpha-host', Date.now(), { cpu: 20 })]);
    TestBed.inject(SessionStore).selectTenant('beta');
    TestBed.tick();
    expect(store.topByCpu()).toEqual([]);
    expect(fleet.hosts.listening('alpha')).toBe(false);
    expect(fleet.hosts.listening('beta')).toBe(true);
  });
});
