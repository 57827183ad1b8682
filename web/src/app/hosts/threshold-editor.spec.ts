import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { CommandPayload } from '@pulseboard/contracts';
import { NEVER, Subject } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS_GATEWAY, type CommandsGateway } from '../commands/commands-gateway';
import type { CommandRecord, OwnCommand } from '../commands/pending-commands';
import { SessionStore } from '../session/session-store';
import { asLive } from '../testing/fake-gateways';
import { ThresholdEditor } from './threshold-editor';

describe('ThresholdEditor', () => {
  let fixture: ComponentFixture<ThresholdEditor>;
  let element: HTMLElement;
  let statuses: Subject<readonly OwnCommand[]>;
  let written: CommandPayload | null;

  async function render(canEdit: boolean): Promise<void> {
    statuses = new Subject();
    written = null;
    const gateway: CommandsGateway = {
      newCommandId: () => 'cmd-1',
      create: (_tenant, _id, payload) => {
        written = payload;
        return Promise.resolve();
      },
      watchOwn: () => asLive(statuses),
      watchHostHistory: () => NEVER,
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: COMMANDS_GATEWAY, useValue: gateway },
        { provide: SessionStore, useValue: { selectedTenantId: signal('acme') } },
      ],
    });
    fixture = TestBed.createComponent(ThresholdEditor);
    fixture.componentRef.setInput('host', 'web-01');
    fixture.componentRef.setInput('metric', 'cpu');
    fixture.componentRef.setInput('override', null);
    fixture.componentRef.setInput('tenantDefault', { warning: 80, critical: 95 });
    fixture.componentRef.setInput('canEdit', canEdit);
    element = fixture.nativeElement;
    await fixture.whenStable();
  }

  const byTestId = <T extends HTMLElement>(id: string) => element.querySelector<T>(`[data-testid="${id}"]`);

  async function typeLevels(warning: string, critical: string): Promise<void> {
    byTestId<HTMLButtonElement>('threshold-edit')!.click();
    await fixture.whenStable();
    for (const [id, value] of [['threshold-warning', warning], ['threshold-critical', critical]] as const) {
      const input = byTestId<HTMLInputElement>(id)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
  }

  async function saveLevels(warning: string, critical: string): Promise<void> {
    await typeLevels(warning, critical);
    byTestId<HTMLButtonElement>('threshold-save')!.click();
    await fixture.whenStable();
  }

  function answer(status: CommandRecord['status'], reason: string | null): void {
    statuses.next([
      {
        id: 'cmd-1',
        payload: written!,
        requestedBy: 'u',
        requestedAt: 1,
        clickedAt: 1,
        status,
        reason,
        previous: null,
        resolvedAt: 2,
        hasPendingWrites: false,
      },
    ]);
  }

  beforeEach(() => TestBed.resetTestingModule());

  it('shows the tenant default when the host has no levels of its own', async () => {
    await render(false);
    expect(byTestId('threshold-value')?.textContent).toMatch(/80 \/ 95\s*\(default\)/);
  });

  it('offers no edit control to a viewer', async () => {
    await render(false);
    expect(byTestId('threshold-edit')).toBeNull();
  });

  it('renders the new levels inside the click on Save, before any scheduled change detection', async () => {
    await render(true);
    await typeLevels('60', '90');
    byTestId<HTMLButtonElement>('threshold-save')!.click();
    // No await: what the operator sees in the same task as the click.
    expect(byTestId('threshold-value')?.textContent).toContain('60 / 90');
    expect(byTestId('threshold-pending')).not.toBeNull();
  });

  it('writes the levels the operator typed', async () => {
    await render(true);
    await saveLevels('60', '90');
    expect(written).toEqual({ kind: 'set-threshold', host: 'web-01', metric: 'cpu', levels: { warning: 60, critical: 90 } });
  });

  it('will not save a level that is not a number', async () => {
    await render(true);
    byTestId<HTMLButtonElement>('threshold-edit')!.click();
    await fixture.whenStable();
    expect(byTestId<HTMLButtonElement>('threshold-save')!.disabled).toBe(false);
    const warning = byTestId<HTMLInputElement>('threshold-warning')!;
    warning.value = '';
    warning.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(byTestId<HTMLButtonElement>('threshold-save')!.disabled).toBe(true);
  });

  it('drops the pending mark once the change is applied', async () => {
    await render(true);
    await saveLevels('60', '90');
    expect(byTestId('threshold-pending')?.getAttribute('data-sync')).toBe('sent');
    answer('applied', null);
    await fixture.whenStable();
    expect(byTestId('threshold-pending')).toBeNull();
  });

  it('rolls back a rejected change and shows the reason on the row', async () => {
    await render(true);
    await saveLevels('99', '90');
    expect(byTestId('threshold-value')?.textContent).toContain('99 / 90');
    answer('rejected', 'warning must be below critical');
    await fixture.whenStable();
    expect(byTestId('threshold-value')?.textContent).toContain('80 / 95');
    expect(byTestId('threshold-rejection')?.textContent).toContain('warning must be below critical');
  });
});
