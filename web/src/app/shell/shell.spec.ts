import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@pulseboard/contracts';
import { NEVER } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlertsGateway } from '../alerts/alerts-gateway';
import { COMMANDS_GATEWAY, type CommandsGateway } from '../commands/commands-gateway';
import { DeviceData } from '../offline/device-data';
import { AuthGateway } from '../session/auth-gateway';
import { FakeAlertsGateway, FakeAuthGateway } from '../testing/fake-gateways';
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

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    opened = null;
    const device = { forgetAndOpen: async (url: string) => void (opened = { url, signedIn: auth.user.value !== null }) };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'sign-in', component: Blank }]),
        { provide: AuthGateway, useValue: auth },
        { provide: AlertsGateway, useValue: new FakeAlertsGateway() },
        // The banner can acknowledge: the shell needs the command path, never used here.
        { provide: COMMANDS_GATEWAY, useValue: idleCommands },
        { provide: DeviceData, useValue: device },
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

  it('signs out, then forgets the device data and opens the sign-in page afresh', async () => {
    const fixture = await render({ alpha: 'viewer' });
    const page: HTMLElement = fixture.nativeElement;
    [...page.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Sign out')?.click();
    await fixture.whenStable();
    expect(auth.user.value).toBeNull();
    expect(opened).toEqual({ url: '/sign-in', signedIn: false });
  });
});
