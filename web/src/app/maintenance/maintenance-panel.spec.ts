import { TestBed } from '@angular/core/testing';
import type { CommandPayload, Role } from '@pulseboard/contracts';
import { NEVER } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { COMMANDS_GATEWAY, type CommandsGateway } from '../commands/commands-gateway';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { TENANT_GATEWAY } from '../tenant/tenant-gateway';
import { FakeAuthGateway, FakeTenantGateway, tenantSettings } from '../testing/fake-gateways';
import { MaintenancePanel } from './maintenance-panel';

const HOUR = 3_600_000;

describe('MaintenancePanel', () => {
  let tenants: FakeTenantGateway;
  let written: CommandPayload[];

  async function render(role: Role, host: string | null) {
    const auth = new FakeAuthGateway();
    auth.signInAs({ alpha: role });
    tenants = new FakeTenantGateway();
    written = [];
    const commands: CommandsGateway = {
      newCommandId: () => `cmd-${written.length + 1}`,
      create: async (_tenantId, _commandId, payload) => {
        written.push(payload);
      },
      watchOwn: () => NEVER,
      watchHostHistory: () => NEVER,
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: COMMANDS_GATEWAY, useValue: commands },
        { provide: TENANT_GATEWAY, useValue: tenants },
      ],
    });
    const fixture = TestBed.createComponent(MaintenancePanel);
    fixture.componentRef.setInput('host', host);
    fixture.componentRef.setInput('canEdit', role !== 'viewer');
    await fixture.whenStable();
    const now = Date.now();
    tenants.tenants.for('alpha').next(tenantSettings({ maintenance: {
      'mw-web': { host: 'web-01', start: now - HOUR, end: now + HOUR, note: 'kernel', createdBy: 'u' },
      'mw-db': { host: 'db-01', start: now + HOUR, end: now + 2 * HOUR, note: '', createdBy: 'u' },
      'mw-all': { host: null, start: now + 3 * HOUR, end: now + 4 * HOUR, note: '', createdBy: 'u' },
      'mw-ended': { host: 'web-01', start: now - 2 * HOUR, end: now - 1, note: '', createdBy: 'u' },
    } }));
    await fixture.whenStable();
    return fixture;
  }

  const rows = (page: HTMLElement) =>
    [...page.querySelectorAll('[data-testid="maintenance-window"]')].map((row) => [...row.children].map((cell) => cell.textContent?.trim()).join(' '));

  it("shows on a host's page its own windows and the whole workspace's, a banner while one is in force, and a viewer no control", async () => {
    const page: HTMLElement = (await render('viewer', 'web-01')).nativeElement;
    expect(page.querySelector('[data-testid="maintenance-banner"]')?.textContent).toContain('web-01 is under maintenance until');
    expect(rows(page)).toEqual([expect.stringMatching(/^In force web-01 .* kernel$/), expect.stringMatching(/^Upcoming Whole workspace /)]);
    expect(page.querySelectorAll('button, form')).toHaveLength(0);
  });

  it('shows no banner on the page of a host with only an upcoming window', async () => {
    const page: HTMLElement = (await render('viewer', 'db-01')).nativeElement;
    expect(page.querySelector('[data-testid="maintenance-banner"]')).toBeNull();
    expect(rows(page)).toEqual([expect.stringMatching(/^Upcoming db-01 /), expect.stringMatching(/^Upcoming Whole workspace /)]);
  });

  it('lists every window not ended on the alerts page, with a banner counting those in force', async () => {
    const page: HTMLElement = (await render('viewer', null)).nativeElement;
    expect(page.querySelector('[data-testid="maintenance-banner"]')?.textContent).toContain('Maintenance in progress (1)');
    expect(rows(page)).toHaveLength(3);
  });

  it("lets an operator schedule the host's maintenance from now, shown at once as pending", async () => {
    const fixture = await render('operator', 'db-01');
    const page: HTMLElement = fixture.nativeElement;
    const note = page.querySelector<HTMLInputElement>('[data-testid="maintenance-note"]');
    if (note === null) throw new Error('no note field');
    note.value = ' disk swap ';
    const before = Date.now();
    page.querySelector<HTMLButtonElement>('[data-testid="schedule-maintenance"]')?.click();
    await fixture.whenStable();
    const [payload] = written;
    expect(payload).toMatchObject({ kind: 'schedule-maintenance', host: 'db-01', note: 'disk swap', windowId: expect.stringMatching(/^mw-/) });
    if (payload?.kind !== 'schedule-maintenance') throw new Error('not a schedule');
    expect(payload.start).toBeGreaterThanOrEqual(before);
    expect(payload.end - payload.start).toBe(30 * 60_000);
    expect(page.querySelector('[data-testid="maintenance-banner"]')?.textContent).toContain('db-01 is under maintenance');
    expect(page.textContent).toContain('pending');
  });

  it('lets an operator cancel a window, which leaves the list at once', async () => {
    const fixture = await render('operator', 'web-01');
    const page: HTMLElement = fixture.nativeElement;
    page.querySelector<HTMLButtonElement>('[data-testid="cancel-maintenance"]')?.click();
    await fixture.whenStable();
    expect(written).toEqual([{ kind: 'cancel-maintenance', windowId: 'mw-web' }]);
    expect(page.querySelector('[data-testid="maintenance-banner"]')).toBeNull();
    expect(rows(page)).toEqual([expect.stringMatching(/^Upcoming Whole workspace /)]);
  });
});
