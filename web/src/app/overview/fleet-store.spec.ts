import { ErrorHandler } from '@angular/core';
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
  let reported: unknown[];

  function createStore() {
    TestBed.configureTestingModule({
      providers: [
        FleetStore,
        { provide: AuthGateway, useValue: auth },
        { provide: FleetGateway, useValue: fleet },
        { provide: ErrorHandler, useValue: { handleError: (error: unknown) => reported.push(error) } },
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
    reported = [];
    auth.signInAs({ alpha: 'viewer', beta: 'viewer' });
  });

  it('shows the fleet CPU of the newest window, summed over its shards', () => {
    const store = createStore();
    const now = Date.now();
    const start = now - (now % 10_000);
    fleet.pushShards('alpha', [
      fleetShard(start - 10_000, 0, { cpu: [10] }),
      fleetShard(start, 0, { cpu: [40] }),
      fleetShard(start, 1, { cpu: [60] }),
    ]);
    const cpu = store.cards().find((card) => card.metric === 'cpu');
    expect(cpu?.value).toBe(50);
    expect(cpu?.history).toEqual([10, 50]);
    expect(cpu?.historySpanMs).toBe(20_000);
  });

  it("judges each card's figure by the tenant's levels for its metric", () => {
    const store = createStore();
    const now = Date.now();
    const start = now - (now % 10_000);
    fleet.tenants.for('alpha').next(tenantSettings({ thresholds: { cpu: { warning: 80, critical: 95 }, requests: { warning: 1, critical: 1_000_000 } } }));
    fleet.pushShards('alpha', [fleetShard(start, 0, { cpu: [94, 99], requests: [10], active_users: [5] })]);
    const levels = Object.fromEntries(store.cards().map((card) => [card.metric, card.level]));
    expect(levels).toEqual({ cpu: 'critical', requests: 'warning', active_users: null });
  });

  describe('sparkline', () => {
    const newest = Date.now() - (Date.now() % 10_000);
    const ago = (windows: number) => newest - windows * 10_000;
    const cpuHistory = (store: ReturnType<typeof createStore>) => store.cards().find((card) => card.metric === 'cpu')?.history;

    it('keeps the sums of the windows the listener’s limit pushed out', () => {
      const store = createStore();
      fleet.pushShards('alpha', [fleetShard(ago(1), 0, { cpu: [20] }), fleetShard(ago(2), 0, { cpu: [10] })]);
      fleet.pushShards('alpha', [fleetShard(ago(0), 0, { cpu: [30] }), fleetShard(ago(1), 0, { cpu: [25] })]);
      expect(cpuHistory(store)).toEqual([10, 25, 30]);
    });

    it('reads once, newest first, the windows a listener at its limit lacks, after the server answered', () => {
      const store = createStore();
      fleet.closedShards.push(fleetShard(ago(2), 0, { cpu: [12] }), fleetShard(ago(2), 1, { cpu: [14] }), fleetShard(ago(4), 0, { cpu: [8] }));
      const listened = [fleetShard(ago(0), 0, { cpu: [30] }), fleetShard(ago(1), 0, { cpu: [20] })];
      fleet.pushShards('alpha', listened, { capped: true, fromCache: true });
      expect(fleet.reads).toEqual([]);

      fleet.pushShards('alpha', listened, { capped: true });
      expect(fleet.reads.map((read) => read.start)).toEqual(Array.from({ length: 28 }, (_, index) => ago(index + 2)));
      expect(fleet.reads.every((read) => read.tenantId === 'alpha')).toBe(true);
      expect(cpuHistory(store)).toEqual([8, 13, 20, 30]);
      expect(store.cards()[0]?.historySpanMs).toBe(50_000);

      fleet.pushShards('alpha', listened, { capped: true });
      expect(fleet.reads).toHaveLength(28);
    });

    it('keeps listening when a one-time read fails', () => {
      const store = createStore();
      fleet.readFailure = new Error('permission-denied');
      fleet.pushShards('alpha', [fleetShard(ago(1), 0, { cpu: [20] })], { capped: true });
      fleet.pushShards('alpha', [fleetShard(ago(0), 0, { cpu: [30] })], { capped: true });
      expect(fleet.reads).toHaveLength(1);
      expect(reported).toEqual([fleet.readFailure]);
      expect(cpuHistory(store)).toEqual([20, 30]);
      expect(fleet.shards.listening('alpha')).toBe(true);
    });

    it('reads once the listener first reaches its limit, only the windows older than those it keeps', () => {
      const store = createStore();
      fleet.pushShards('alpha', [fleetShard(ago(2), 0, { cpu: [10] })]);
      fleet.pushShards('alpha', [fleetShard(ago(1), 0, { cpu: [20] }), fleetShard(ago(0), 0, { cpu: [30] })], { capped: true });
      expect(fleet.reads.map((read) => read.start)).toEqual(Array.from({ length: 27 }, (_, index) => ago(index + 3)));
      expect(cpuHistory(store)).toEqual([10, 20, 30]);
    });

    it('reads nothing while the listener holds every window', () => {
      const store = createStore();
      fleet.pushShards('alpha', [fleetShard(ago(0), 0, { cpu: [30] })]);
      expect(fleet.reads).toEqual([]);
      expect(cpuHistory(store)).toEqual([30]);
    });

    it('draws the last five minutes', () => {
      const store = createStore();
      fleet.pushShards('alpha', Array.from({ length: 40 }, (_, age) => fleetShard(ago(age), 0, { cpu: [age] })));
      expect(cpuHistory(store)).toEqual(Array.from({ length: 30 }, (_, index) => 29 - index));
    });
  });

  it('counts hosts by health, stale from lastSeen and the tenant setting', () => {
    const store = createStore();
    const now = Date.now();
    fleet.tenants.for('alpha').next(tenantSettings({ staleAfterSeconds: 60 }));
    fleet.pushDigests('alpha', [
      hostAt('web-01', now, { cpu: 20 }),
      hostAt('web-02', now, { cpu: 85 }),
      hostAt('web-03', now, { cpu: 99 }),
      hostAt('web-04', now - 120_000, { cpu: 20 }),
    ]);
    expect(store.health()).toMatchObject({ ok: 1, warning: 1, critical: 1, stale: 1 });
  });

  it('takes the digest seen last of a host whose batches chose more than one shard', () => {
    const store = createStore();
    const now = Date.now();
    fleet.tenants.for('alpha').next(tenantSettings());
    fleet.pushDigests('alpha', [hostAt('web-01', now - 5_000, { cpu: 99 }), hostAt('web-02', now, { cpu: 10 })], [hostAt('web-01', now, { cpu: 20 })]);
    expect(store.topByCpu().map((row) => [row.host, row.cpu])).toEqual([['web-01', 20], ['web-02', 10]]);
    expect(store.health()).toMatchObject({ ok: 2, critical: 0 });
  });

  it('ranks the top hosts by CPU and by errors, leaving out a rate that would read 0', () => {
    const store = createStore();
    const now = Date.now();
    fleet.tenants.for('alpha').next(tenantSettings());
    fleet.pushDigests('alpha', [
      hostAt('web-01', now, { cpu: 20 }, 3),
      hostAt('web-02', now, { cpu: 85 }),
      hostAt('web-03', now, { cpu: 50 }, 7),
      hostAt('web-04', now, { cpu: 10 }, 0.02),
    ]);
    expect(store.topByCpu().map((row) => row.host)).toEqual(['web-02', 'web-03', 'web-01', 'web-04']);
    expect(store.topByErrors().map((row) => row.host)).toEqual(['web-03', 'web-01']);
  });

  it('on a tenant switch stops the old listeners and never shows the old tenant’s data', () => {
    const store = createStore();
    fleet.tenants.for('alpha').next(tenantSettings());
    fleet.pushDigests('alpha', [hostAt('alpha-host', Date.now(), { cpu: 20 })]);
    fleet.pushShards('alpha', [fleetShard(Date.now() - 20_000, 0, { cpu: [20] })]);
    fleet.pushShards('alpha', [fleetShard(Date.now(), 0, { cpu: [30] })]);
    TestBed.inject(SessionStore).selectTenant('beta');
    TestBed.tick();
    expect(store.topByCpu()).toEqual([]);
    expect(store.cards().every((card) => card.history.length === 0)).toBe(true);
    expect(fleet.digests.listening('alpha')).toBe(false);
    expect(fleet.digests.listening('beta')).toBe(true);
  });
});
