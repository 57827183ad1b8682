import type { HostDoc } from '@pulseboard/contracts';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NEVER, of, Subject, throwError } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Live } from '../firebase/live-snapshots';
import { SessionStore } from '../session/session-store';
import { TENANT_GATEWAY, type TenantGateway } from '../tenant/tenant-gateway';
import { fresh, tenantSettings } from '../testing/fake-gateways';
import { HOSTS_GATEWAY, type HostsGateway } from './hosts-gateway';
import { HostsViewStore } from './hosts-view-store';
import { HOST_DOCUMENTS_KEPT, HostsStore } from './hosts-store';
import { tableHostOfRow, type RowQuery, type TableHost } from './host-rows';

type HostsSnapshot = Live<readonly TableHost[]>;

/** A host document as the table's snapshot() rows would be read from it. */
function hostDoc(host: string): HostDoc {
  const now = Date.now();
  return { host, lastSeen: now, metrics: { cpu: { value: 10, ts: now } }, recentErrors: [], errorsPerMinute: 0, thresholds: {}, silencedUntil: null, activeAlerts: {} };
}

function snapshot(hosts: string[], fromCache = false): HostsSnapshot {
  const now = Date.now();
  const value = hosts.map((host) => tableHostOfRow(host, { lastSeen: now, values: { cpu: 10 }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null }));
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
    watchHost: () => NEVER,
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

  it('keeps its rows and their sorted selection when a snapshot (and the clock) changed no host', () => {
    setUp(scripted);
    const first = snapshot(['web-02', 'db-01', 'web-01']);
    listeners.get('acme')?.next(first);
    const rows = store.rows();
    const visible = store.visibleRows();
    listeners.get('acme')?.next({ ...first, value: [...first.value] });
    expect(store.rows()).toBe(rows);
    expect(store.visibleRows()).toBe(visible);
    const [web02, ...others] = first.value;
    listeners.get('acme')?.next({ ...first, value: [{ ...(web02 as TableHost), values: { cpu: 60, errors: 0 } }, ...others] });
    expect(store.rows().map((row) => [row.host, row.status])).toEqual([['web-02', 'critical'], ['db-01', 'warning'], ['web-01', 'warning']]);
    expect(store.rows().slice(1)).toEqual(rows.slice(1));
    expect(store.rows()[1]).toBe(rows[1]);
  });

  it("keeps the documents of the hosts whose editors opened last, at most HOST_DOCUMENTS_KEPT, and forgets them on a tenant switch", () => {
    const documents = new Map<string, Subject<Live<HostDoc | null>>>();
    setUp({
      ...scripted,
      watchHost: (_tenant, host) => {
        const listener = new Subject<Live<HostDoc | null>>();
        documents.set(host, listener);
        return listener;
      },
    });
    const hosts = Array.from({ length: HOST_DOCUMENTS_KEPT + 1 }, (_, i) => `web-${i}`);
    listeners.get('acme')?.next(snapshot(hosts));
    const silenced = Date.now() + 60_000;
    for (const host of hosts) {
      store.focusHost(host);
      TestBed.tick();
      documents.get(host)?.next({ value: { ...hostDoc(host), silencedUntil: silenced }, fromCache: false, hasPendingWrites: false });
    }
    expect(store.documents().map((doc) => doc.host)).toEqual(hosts.slice(1));
    expect(store.rows().filter((row) => row.status === 'silenced').map((row) => row.host)).toEqual(hosts.slice(1));
    tenantId.set('globex');
    TestBed.tick();
    expect([store.documents(), store.focusedHost()]).toEqual([[], null]);
  });

  it('judges and sorts the rows as a snapshot arrives, so the render that follows finds them made', () => {
    let selections = 0;
    const query: RowQuery = { text: '', status: null, sortBy: 'host', direction: 'asc' };
    // The table's query is read once per selection of the rows: it counts them.
    TestBed.overrideProvider(HostsViewStore, { useValue: { query: () => ((selections += 1), query) } });
    setUp(scripted);
    const before = selections;
    listeners.get('acme')?.next(snapshot(['web-02', 'web-01']));
    expect(selections).toBe(before + 1);
    expect(store.visibleRows().map((row) => row.host)).toEqual(['web-01', 'web-02']);
    expect(selections).toBe(before + 1);
  });

  it('reports a listener that fails', () => {
    setUp({ watchHosts: () => throwError(() => new Error('Missing or insufficient permissions.')), watchHost: () => NEVER });
    expect(store.listenerError()).toContain('permissions');
  });
});
