import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { provideRouter } from '@angular/router';
import { ConnectionStore } from '../connection/connection-store';
import { FUNCTIONS_BASE_URL } from '../firebase/functions-base-url';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { FakeAuthGateway, FakeFleetGateway, FakeTenantGateway, liveWindowAt, tenantSettings } from '../testing/fake-gateways';
import { TENANT_GATEWAY } from '../tenant/tenant-gateway';
import { FLEET_GATEWAY } from './fleet-gateway';
import { Overview } from './overview';

describe('Overview', () => {
  let fleet: FakeFleetGateway;
  let tenant: FakeTenantGateway;

  beforeEach(() => {
    localStorage.clear();
    const auth = new FakeAuthGateway();
    auth.signInAs({ alpha: 'viewer' });
    fleet = new FakeFleetGateway();
    tenant = new FakeTenantGateway();
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: FLEET_GATEWAY, useValue: fleet },
        { provide: TENANT_GATEWAY, useValue: tenant },
        { provide: FUNCTIONS_BASE_URL, useValue: 'http://127.0.0.1:5001/demo-pulseboard/us-central1' },
        provideRouter([]),
      ],
    });
  });

  it('renders the three live cards, fleet health and the top hosts', async () => {
    const fixture = TestBed.createComponent(Overview);
    await fixture.whenStable();
    const now = Date.now();
    tenant.tenants.for('alpha').next(tenantSettings());
    fleet.pushOverview('alpha', {
      windows: [liveWindowAt(now - (now % 10_000), { cpu: [73.5], active_users: [12] })],
      reporting: { cpu: 1, active_users: 1 },
      health: { ok: 1, warning: 0, critical: 0, stale: 0, silenced: 0 },
      hostCount: 1,
      topByCpu: [{ host: 'web-01', value: 73.5 }],
      topByErrors: [{ host: 'web-01', value: 2 }],
    });
    await fixture.whenStable();

    const page: HTMLElement = fixture.nativeElement;
    const value = (metric: string) =>
      page.querySelector(`[data-testid="metric-card-${metric}"] [data-testid="metric-value"]`)?.textContent?.trim();
    expect(value('cpu')).toBe('73.5');
    expect(value('active_users')).toBe('12');
    expect(value('requests')).toBe('—');
    expect(page.querySelector('[data-testid="health-ok"]')?.textContent).toContain('1');
    expect(page.querySelector('[data-testid="top-hosts-cpu"]')?.textContent).toContain('web-01');
    expect(page.querySelector('[data-testid="top-hosts-errors"]')?.textContent).toContain('web-01');
  });

  it('says how much time each sparkline covers, and says nothing before it has a line', async () => {
    const fixture = TestBed.createComponent(Overview);
    await fixture.whenStable();
    const now = Date.now();
    const newest = now - (now % 10_000);
    const span = () => fixture.nativeElement.querySelector('[data-testid="metric-card-cpu"] [data-testid="sparkline-span"]')?.textContent?.trim();
    tenant.tenants.for('alpha').next(tenantSettings());
    fleet.pushOverview('alpha', { windows: [liveWindowAt(newest, { cpu: [20] })], hostCount: 1 });
    await fixture.whenStable();
    expect(span()).toBeUndefined();

    fleet.pushOverview('alpha', { windows: Array.from({ length: 7 }, (_, age) => liveWindowAt(newest - (6 - age) * 10_000, { cpu: [20 + age] })), hostCount: 1 });
    await fixture.whenStable();
    expect(span()).toBe('last 1 min 10 s');
  });

  it('says it is loading, with no zeros or dashes, until every listener has answered', async () => {
    const fixture = TestBed.createComponent(Overview);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    tenant.tenants.for('alpha').next(tenantSettings());
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="overview-loading"]')).not.toBeNull();
    expect(page.querySelector('[data-testid="fleet-health"]')).toBeNull();
    expect(page.textContent).not.toContain('—');
    fleet.pushOverview('alpha', { hostCount: 1 });
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="overview-loading"]')).toBeNull();
    expect(page.querySelector('[data-testid="fleet-health"]')).not.toBeNull();
  });

  it('shows a workspace with no hosts how to send its first batch instead of zeros', async () => {
    const fixture = TestBed.createComponent(Overview);
    await fixture.whenStable();
    tenant.tenants.for('alpha').next(tenantSettings());
    fleet.overviews.for('alpha').next(null);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    expect(page.querySelector('[data-testid="fleet-health"]')).toBeNull();
    expect(page.querySelector('[data-testid="onboarding-curl"]')?.textContent).toContain("-H 'authorization: Bearer <your ingest key>'");
    expect(page.querySelector('[data-testid="onboarding"]')?.textContent).toContain('npm run simulate');
    expect(page.querySelector('[data-testid="onboarding"]')?.textContent).toContain('Ask an admin');
  });

  it('shows the cards, not the onboarding panel, for fleet windows whose hosts have no digest yet', async () => {
    const fixture = TestBed.createComponent(Overview);
    await fixture.whenStable();
    const now = Date.now();
    tenant.tenants.for('alpha').next(tenantSettings());
    fleet.pushOverview('alpha', { windows: [liveWindowAt(now - (now % 10_000), { cpu: [30] })] });
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    expect(page.querySelector('[data-testid="onboarding"]')).toBeNull();
    expect(page.querySelector('[data-testid="metric-card-cpu"]')).not.toBeNull();
  });

  it('shows why the fleet cannot be listened to, not only in the console', async () => {
    const fixture = TestBed.createComponent(Overview);
    await fixture.whenStable();
    fleet.overviews.for('alpha').error(new Error('Missing or insufficient permissions.'));
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    expect(page.querySelector('[data-testid="overview-error"]')?.textContent).toContain('Missing or insufficient permissions.');
    expect(page.querySelector('[data-testid="overview-loading"]')).toBeNull();
    expect(page.querySelector('[data-testid="onboarding"]')).toBeNull();
  });

  it('marks the figures stale until the listeners are live', async () => {
    const fixture = TestBed.createComponent(Overview);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    expect(page.querySelector('[data-testid="stale-note"]')).not.toBeNull();
    TestBed.inject(ConnectionStore).reportListener('fleet', { fromCache: false, hasPendingWrites: false, awaitingBackend: false });
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="stale-note"]')).toBeNull();
  });

  it('ends its listener when the page goes away, and starts it again when it is back; the tenant settings stay for the app', async () => {
    const listening = () => [fleet.overviews, tenant.tenants].map((listener) => listener.listening('alpha'));
    const first = TestBed.createComponent(Overview);
    await first.whenStable();
    expect(listening()).toEqual([true, true]);
    first.destroy();
    expect(listening()).toEqual([false, true]);
    const again = TestBed.createComponent(Overview);
    await again.whenStable();
    expect(listening()).toEqual([true, true]);
  });
});
