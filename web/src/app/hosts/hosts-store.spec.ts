import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { HostDoc } from '@pulseboard/contracts';
import { of, Subject, throwError } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Identified, Live } from '../firebase/live-snapshots';
import { SessionStore } from '../session/session-store';
import { TENANT_GATEWAY, type TenantGateway } from '../tenant/tenant-gateway';
import { fresh, tenantSettings } from '../testing/fake-gateways';
import { HOSTS_GATEWAY, type HostsGateway } from './hosts-gateway';
import { HostsViewStore } from './hosts-view-store';
import { HostsStore } from './hosts-store';

type HostsSnapshot = Live<readonly Identified<HostDoc>[]>;

function snapshot(hosts: string[], fromCache = false): HostsSnapshot {
  const now = Date.now();
  const value = hosts.map((host) => ({
    id: host,
    host,
    lastSeen: now,
    metrics: { cpu: { value: 10, ts: now } },
    recentErrors: [],
    errorsPerMinute: 0,
    thresholds: {},
    silencedUntil: null,
    activeAlerts: {},
  }));
  return { value, fromCache, hasPendingWrites: false };
}

describe('HostsStore', () => {
  let tenantId: ReturnType<typeof signal<string | null>>;
  let listeners: Map<string, Subject<HostsSnapshot>>;
  let store: InstanceType<typeof HostsStore>;

  function setUp(gateway: HostsGateway): void {
    tenantId = signal<string | null>('acme');
    TestBed.configureTestingModule({
      providers: [
        HostsStore,
        { provide: HOSTS_GATEWAY, useValue: gateway },
        { provide: TENANT_GATEWAY, useValue: tenant },
        { provide: SessionStore, useValue: { selectedTenantId: tenantId } },
      ],
    });
    store = TestBed.inject(HostsStore);
    TestBed.tick();
  }

  beforeEach(() => {
    TestBed.resetTestingModule();
    listeners = new Map();
  });

  const scripted: HostsGateway = {
    watchHosts: (tenant) => {
      const listener = new Subject<HostsSnapshot>();
      listeners.set(tenant, listener);
      return listener;
    },
  };
  const tenant: TenantGateway = { watchTenant: () => of(fresh(tenantSettings({ thresholds: { cpu: { warning: 5, critical: 50 } }, staleAfterSeconds: 30 }))) };

  it('shows the hosts of the selected tenant with the tenant thresholds', () => {
    setUp(scripted);
    listeners.get('acme')?.next(snapshot(['web-01']));
    expect(store.rows().map((row) => [row.host, row.status])).toEqual([['web-01', 'warning']]);
    expect(store.loading()).toBe(false);
  });

  it('says when the hosts come from the local cache', () => {
    setUp(scripted);
    listeners.get('acme')?.next(snapshot(['web-01'], true));
    expect(store.fromCache()).toBe(true);
  });

  it('drops every host of the previous tenant on a switch', () => {
    setUp(scripted);
    listeners.get('acme')?.next(snapshot(['acme-web']));
    tenantId.set('globex');
    TestBed.tick();
    expect(store.rows()).toEqual([]);
    listeners.get('acme')?.next(snapshot(['late-acme-web']));
    expect(store.rows()).toEqual([]);
  });

  it('shows the rows the table query selects, sorted as it says', () => {
    setUp(scripted);
    listeners.get('acme')?.next(snapshot(['web-02', 'db-01', 'web-01']));
    const view = TestBed.inject(HostsViewStore);
    view.filterByText('web');
    view.sortOn('host');
    expect(store.visibleRows().map((row) => row.host)).toEqual(['web-02', 'web-01']);
    view.sortOn('host');
    expect(store.visibleRows().map((row) => row.host)).toEqual(['web-01', 'web-02']);
  });

  it('reports a listener that fails', () => {
    setUp({ watchHosts: () => throwError(() => new Error('Missing or insufficient permissions.')) });
    expect(store.listenerError()).toContain('permissions');
  });
});
