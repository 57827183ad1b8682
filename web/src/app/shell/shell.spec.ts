import { Component } from '@angular/core';
import { DeferBlockState, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@pulseboard/contracts';
import { NEVER } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALERTS_GATEWAY } from '../alerts/alerts-gateway';
import { COMMANDS_GATEWAY, type CommandsGateway } from '../commands/commands-gateway';
import { Callables } from '../firebase/callables';
import { DeviceData } from '../offline/device-data';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { TENANT_GATEWAY } from '../tenant/tenant-gateway';
import { FakeAlertsGateway, FakeAuthGateway, FakeTenantGateway, tenantSettings } from '../testing/fake-gateways';
import { Shell } from './shell';

@Component({ template: '' })
class Blank {}

const idleCommands: CommandsGateway = {
  newCommandId: () => 'unused',
  create: async () => undefined,
  watchOwn: () => NEVER,
  watchHostHistory: () => NEVER,
};

describe('Shell', () => {
  let auth: FakeAuthGateway;
  /** The URL the page was reloaded at after forgetting the device's data, and who was signed in then. */
  let opened: { url: string; signedIn: boolean } | null;
  /** The tenant documents as the listener delivers them. */
  let tenants: FakeTenantGateway;

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    opened = null;
    tenants = new FakeTenantGateway();
    const device = { forgetAndOpen: async (url: string) => void (opened = { url, signedIn: auth.user.value !== null }) };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'sign-in', component: Blank }]),
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: ALERTS_GATEWAY, useValue: new FakeAlertsGateway() },
        // The banner can acknowledge: the shell needs the command path, never used here.
        { provide: COMMANDS_GATEWAY, useValue: idleCommands },
        { provide: DeviceData, useValue: device },
        // The workspace form is only filled in by its own spec.
        { provide: Callables, useValue: {} },
        { provide: TENANT_GATEWAY, useValue: tenants },
      ],
    });
  });

  async function render(memberships: Record<string, Role>) {
    auth.signInAs(memberships);
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    return fixture;
  }

  it('shows the tenant, role, connection status and the alert live region', async () => {
    const page: HTMLElement = (await render({ alpha: 'viewer' })).nativeElement;
    expect(page.querySelector('[data-testid="tenant-switcher"]')).toBeNull();
    expect(page.textContent).toContain('alpha');
    expect(page.querySelector('[data-testid="role"]')?.textContent).toBe('viewer');
    expect(page.querySelector('[data-testid="connection-status"]')?.textContent).toBe('reconnecting');
    expect(page.querySelector('pb-alert-banner')?.getAttribute('aria-live')).toBe('assertive');
  });

  it('offers the tenant switcher to a member of several tenants', async () => {
    const page: HTMLElement = (await render({ alpha: 'viewer', beta: 'admin' })).nativeElement;
    expect(page.querySelector('[data-testid="tenant-switcher"]')).not.toBeNull();
  });

  it.each([
    ['admin', true],
    ['operator', false],
    ['viewer', false],
  ] as const)('gives a %s a link to the admin console: %s', async (role, linked) => {
    const page: HTMLElement = (await render({ alpha: role })).nativeElement;
    const links = [...page.querySelectorAll('nav a')].map((link) => link.textContent?.trim());
    expect(links.includes('Admin')).toBe(linked);
  });

  it("shows the tenant's name, not its id, once its document arrives", async () => {
    const fixture = await render({ alpha: 'viewer' });
    const tenant = () => (fixture.nativeElement as HTMLElement).querySelector('[data-testid="tenant-name"]')?.textContent?.trim();
    expect(tenant()).toBe('alpha');
    tenants.tenants.for('alpha').next(tenantSettings({ name: 'Alpha Industries' }));
    await fixture.whenStable();
    expect(tenant()).toBe('Alpha Industries');
  });

  it('signs out, then forgets the device data and opens the sign-in page afresh', async () => {
    const fixture = await render({ alpha: 'viewer' });
    const page: HTMLElement = fixture.nativeElement;
    [...page.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Sign out')?.click();
    await fixture.whenStable();
    expect(auth.user.value).toBeNull();
    expect(opened).toEqual({ url: '/sign-in', signedIn: false });
  });

  it('offers a member of no tenant to create a workspace instead of empty views', async () => {
    const fixture = await render({});
    const [form] = await fixture.getDeferBlocks();
    await form?.render(DeferBlockState.Complete);
    const page: HTMLElement = fixture.nativeElement;
    expect(page.querySelector('h1')?.textContent).toBe('Create a workspace');
    expect(page.querySelector('nav')).toBeNull();
    expect(page.querySelector('router-outlet')).toBeNull();
  });
});
