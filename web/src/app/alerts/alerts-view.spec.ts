import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@pulseboard/contracts';
import { NEVER } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS_GATEWAY, type CommandsGateway } from '../commands/commands-gateway';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { TENANT_GATEWAY } from '../tenant/tenant-gateway';
import { alertOf, FakeAlertsGateway, FakeAuthGateway, FakeTenantGateway } from '../testing/fake-gateways';
import { AlertBanner } from './alert-banner';
import { ALERTS_GATEWAY } from './alerts-gateway';
import { AlertsView } from './alerts-view';

describe('AlertsView and AlertBanner', () => {
  let alerts: FakeAlertsGateway;
  let written: string[];

  function setUp(role: Role, memberships: Record<string, Role> = { alpha: role }): void {
    const auth = new FakeAuthGateway();
    auth.signInAs(memberships);
    alerts = new FakeAlertsGateway();
    written = [];
    const commands: CommandsGateway = {
      newCommandId: () => `cmd-${written.length + 1}`,
      create: async (_tenantId, _commandId, payload) => {
        written.push(payload.kind);
      },
      watchOwn: () => NEVER,
      watchHostHistory: () => NEVER,
    };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: ALERTS_GATEWAY, useValue: alerts },
        { provide: COMMANDS_GATEWAY, useValue: commands },
        // The maintenance panel reads the tenant's windows from the tenant document.
        { provide: TENANT_GATEWAY, useValue: new FakeTenantGateway() },
      ],
    });
  }

  async function render() {
    const fixture = TestBed.createComponent(AlertsView);
    await fixture.whenStable();
    alerts.alerts.for('alpha').next([alertOf('a1'), alertOf('a2', { state: 'acknowledged', level: 'warning' })]);
    await fixture.whenStable();
    return fixture;
  }

  const buttons = (page: HTMLElement) => [...page.querySelectorAll('[data-testid="alert-row"] button')].map((button) => button.textContent?.trim());

  beforeEach(() => localStorage.clear());

  it('shows a viewer the alerts by state with no edit controls', async () => {
    setUp('viewer');
    const page: HTMLElement = (await render()).nativeElement;
    expect(page.querySelector('[data-testid="alerts-open"]')?.textContent).toContain('web-01');
    expect(page.querySelectorAll('[data-testid="alerts-acknowledged"] [data-testid="alert-row"]')).toHaveLength(1);
    expect(buttons(page)).toEqual([]);
  });

  it('lets an operator acknowledge, and shows the alert acknowledged and pending at once', async () => {
    setUp('operator');
    const fixture = await render();
    const page: HTMLElement = fixture.nativeElement;
    expect(buttons(page)).toEqual(['Acknowledge', 'Resolve', 'Resolve']);
    [...page.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Acknowledge')?.click();
    await fixture.whenStable();
    expect(written).toEqual(['ack-alert']);
    expect(page.querySelectorAll('[data-testid="alerts-acknowledged"] [data-testid="alert-row"]')).toHaveLength(2);
    expect(page.querySelector('[data-testid="alerts-acknowledged"]')?.textContent).toContain('pending');
  });

  it('says it is loading, not "None.", until both listeners have answered, then shows the empty groups', async () => {
    setUp('viewer');
    const fixture = TestBed.createComponent(AlertsView);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    expect(page.querySelector('[data-testid="alerts-loading"]')).not.toBeNull();
    expect(page.textContent).not.toContain('None.');
    alerts.alerts.for('alpha').next([]);
    alerts.unresolved.for('alpha').next([]);
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="alerts-loading"]')).toBeNull();
    expect(page.querySelector('[data-testid="alerts-open"]')?.textContent).toContain('None.');
  });

  it("opens a notification's link: the linked tenant's alerts, the linked alert marked", async () => {
    setUp('viewer', { alpha: 'viewer', beta: 'viewer' });
    const fixture = TestBed.createComponent(AlertsView);
    fixture.componentRef.setInput('tenant', 'beta');
    fixture.componentRef.setInput('alert', 'b2');
    await fixture.whenStable();
    alerts.alerts.for('beta').next([alertOf('b1'), alertOf('b2', { host: 'db-02' })]);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    const marked = [...page.querySelectorAll('[data-testid="alert-row"][aria-current="true"]')];
    expect(marked.map((row) => row.textContent)).toEqual([expect.stringContaining('db-02')]);
  });

  it('ignores a linked tenant the user is no member of', async () => {
    setUp('viewer');
    const fixture = TestBed.createComponent(AlertsView);
    fixture.componentRef.setInput('tenant', 'beta');
    await fixture.whenStable();
    alerts.alerts.for('alpha').next([alertOf('a1')]);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="alerts-open"]')?.textContent).toContain('web-01');
  });

  it('shows why the alerts cannot be listened to', async () => {
    setUp('viewer');
    const fixture = TestBed.createComponent(AlertsView);
    await fixture.whenStable();
    alerts.alerts.for('alpha').error(new Error('Missing or insufficient permissions.'));
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    expect(page.querySelector('[data-testid="alerts-error"]')?.textContent).toContain('Missing or insufficient permissions.');
    expect(page.textContent).not.toContain('None.');
  });

  it('banners the open critical alert inside a live region', async () => {
    setUp('viewer');
    const fixture = TestBed.createComponent(AlertBanner);
    await fixture.whenStable();
    const host: HTMLElement = fixture.nativeElement;
    expect(host.getAttribute('aria-live')).toBe('assertive');
    expect(host.querySelector('[data-testid="alert-banner"]')).toBeNull();
    alerts.alerts.for('alpha').next([alertOf('a1')]);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="alert-banner"]')?.textContent).toContain('cpu on web-01');
  });
});
