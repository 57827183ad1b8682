import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DEFAULT_TENANT_SETTINGS } from '@pulseboard/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../session/session-store';
import { FakeTenantGateway, tenantSettings } from '../testing/fake-gateways';
import { TENANT_GATEWAY } from './tenant-gateway';
import { TenantSettingsStore } from './tenant-settings-store';

describe('TenantSettingsStore', () => {
  let tenantId: ReturnType<typeof signal<string | null>>;
  let gateway: FakeTenantGateway;
  let listens: string[];

  beforeEach(() => {
    TestBed.resetTestingModule();
    tenantId = signal<string | null>('acme');
    gateway = new FakeTenantGateway();
    listens = [];
    const counting = { watchTenant: (id: string) => (listens.push(id), gateway.watchTenant(id)) };
    TestBed.configureTestingModule({
      providers: [
        { provide: TENANT_GATEWAY, useValue: counting },
        { provide: SessionStore, useValue: { selectedTenantId: tenantId } },
      ],
    });
  });

  it('listens to the tenant document once for every page that reads it', () => {
    TestBed.inject(TenantSettingsStore);
    TestBed.inject(TenantSettingsStore);
    TestBed.tick();
    expect(listens).toEqual(['acme']);
  });

  it('judges by the defaults until the tenant’s own settings come, then by them', () => {
    const store = TestBed.inject(TenantSettingsStore);
    TestBed.tick();
    expect(store.effectiveSettings()).toBe(DEFAULT_TENANT_SETTINGS);
    const own = tenantSettings({ staleAfterSeconds: 15 });
    gateway.tenants.for('acme').next(own);
    expect(store.effectiveSettings().staleAfterSeconds).toBe(15);
    expect(store.tenant()).toEqual(own);
  });

  it('drops the previous tenant’s settings on a switch and stops listening to it', () => {
    const store = TestBed.inject(TenantSettingsStore);
    TestBed.tick();
    gateway.tenants.for('acme').next(tenantSettings({ name: 'Acme' }));
    tenantId.set('globex');
    TestBed.tick();
    expect(store.tenant()).toBeNull();
    expect(store.loading()).toBe(true);
    expect(gateway.tenants.listening('acme')).toBe(false);
    expect(listens).toEqual(['acme', 'globex']);
  });
});
