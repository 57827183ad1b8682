import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of, Subject, throwError } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Live } from '../firebase/live-snapshots';
import { SessionStore } from '../session/session-store';
import { TENANT_GATEWAY, type TenantGateway } from '../tenant/tenant-gateway';
import { fresh, tenantSettings } from '../testing/fake-gateways';
import { HOST_GATEWAY, type HostGateway, type HostPageDoc } from './host-gateway';
import { HostStore } from './host-store';

type HostSnapshot = Live<HostPageDoc | null>;

interface Watch {
  readonly tenantId: string;
  readonly host: string;
  readonly doc: Subject<HostSnapshot>;
}

function reported(host: string, cpu: number, lastSeen = Date.now()): HostSnapshot {
  const newest = { start: lastSeen - (lastSeen % 10_000), metrics: { cpu: { count: 1, sum: cpu, min: cpu, max: cpu, last: cpu, lastTs: lastSeen } }, errorCount: 0 };
  const value: HostPageDoc = {
    host,
    lastSeen,
    metrics: { cpu: { value: cpu, ts: lastSeen } },
    recentErrors: [],
    errorsPerMinute: 0,
    thresholds: {},
    silencedUntil: null,
    activeAlerts: {},
    windows: { '10s': [newest], '1m': [], '1h': [] },
  };
  return { value, fromCache: false, hasPendingWrites: false };
}

const NOT_REPORTED: HostSnapshot = { value: null, fromCache: false, hasPendingWrites: false };

/** Each tenant whose settings were listened to, in order. */
let settingsListens: string[];

/** The tenant's settings, as the tenant settings store receives them. */
const settings: TenantGateway = {
  watchTenant: (tenantId) => {
    settingsListens.push(tenantId);
    return of(fresh(tenantSettings({ thresholds: { cpu: { warning: 5, critical: 50 } }, staleAfterSeconds: 30 })));
  },
};

describe('HostStore', () => {
  let watches: Watch[];
  let tenantId: ReturnType<typeof signal<string | null>>;
  let store: InstanceType<typeof HostStore>;

  function setUp(gateway: HostGateway): void {
    tenantId = signal<string | null>('acme');
    TestBed.configureTestingModule({
      providers: [
        HostStore,
        { provide: HOST_GATEWAY, useValue: gateway },
        { provide: TENANT_GATEWAY, useValue: settings },
        { provide: SessionStore, useValue: { selectedTenantId: tenantId } },
      ],
    });
    store = TestBed.inject(HostStore);
    store.showHost('web-01');
    TestBed.tick();
  }

  const scripted: HostGateway = {
    watchHost: (tenant, host) => {
      const doc = new Subject<HostSnapshot>();
      watches.push({ tenantId: tenant, host, doc });
      return doc;
    },
  };

  beforeEach(() => {
    TestBed.resetTestingModule();
    watches = [];
    settingsListens = [];
  });

  afterEach(() => vi.useRealTimers());

  it('listens to the one host it shows, and shows it with the tenant thresholds', () => {
    setUp(scripted);
    expect(watches.map(({ tenantId, host }) => [tenantId, host])).toEqual([['acme', 'web-01']]);
    watches[0]?.doc.next(reported('web-01', 10));
    expect(store.row()).toMatchObject({ host: 'web-01', values: { cpu: 10 }, status: 'warning' });
    expect(store.effectiveSettings().thresholds['cpu']).toEqual({ warning: 5, critical: 50 });
    expect(store.loaded()).toBe(true);
  });

  it("holds the host document's recent windows for the page's charts, from the same listener", () => {
    setUp(scripted);
    expect(store.recentWindows()).toBeUndefined();
    watches[0]?.doc.next(reported('web-01', 42));
    expect(store.recentWindows()?.['10s']?.map((window) => window.metrics['cpu']?.last)).toEqual([42]);
    expect(watches).toHaveLength(1);
  });

  it('is loaded with no row while the host has not reported', () => {
    setUp(scripted);
    expect(store.loaded()).toBe(false);
    watches[0]?.doc.next(NOT_REPORTED);
    expect(store.loaded()).toBe(true);
    expect(store.row()).toBeNull();
  });

  it('starts over on another host and stops listening to the previous one', () => {
    setUp(scripted);
    watches[0]?.doc.next(reported('web-01', 10));
    store.showHost('web-02');
    TestBed.tick();
    expect(watches.map(({ host }) => host)).toEqual(['web-01', 'web-02']);
    expect(watches[0]?.doc.observed).toBe(false);
    expect(store.row()).toBeNull();
    expect(store.loaded()).toBe(false);
  });

  it('keeps the tenant settings for another host of the same tenant, listening to them once', () => {
    setUp(scripted);
    store.showHost('web-02');
    TestBed.tick();
    expect(settingsListens).toEqual(['acme']);
    expect(store.effectiveSettings().thresholds['cpu']).toEqual({ warning: 5, critical: 50 });
    tenantId.set('globex');
    TestBed.tick();
    expect(settingsListens).toEqual(['acme', 'globex']);
  });

  it('turns the host stale as time passes without a report', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval', 'requestAnimationFrame'] });
    setUp(scripted);
    watches[0]?.doc.next(reported('web-01', 1));
    expect(store.row()?.status).toBe('ok');
    vi.advanceTimersByTime(31_000);
    expect(store.row()?.status).toBe('stale');
  });

  it('stops listening when no tenant is selected', () => {
    setUp(scripted);
    tenantId.set(null);
    TestBed.tick();
    expect(watches).toHaveLength(1);
    expect(watches[0]?.doc.observed).toBe(false);
  });

  it('reports a listener that fails', () => {
    setUp({ watchHost: () => throwError(() => new Error('Missing or insufficient permissions.')) });
    expect(store.listenerError()).toContain('permissions');
    expect(store.row()).toBeNull();
  });
});
