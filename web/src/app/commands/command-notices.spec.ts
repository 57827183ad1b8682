import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NEVER, Subject } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../session/session-store';
import { asLive } from '../testing/fake-gateways';
import { CommandNotices } from './command-notices';
import { COMMANDS_GATEWAY, type CommandsGateway } from './commands-gateway';
import type { OwnCommand } from './pending-commands';

describe('CommandNotices', () => {
  let own: Subject<readonly OwnCommand[]>;

  beforeEach(() => {
    TestBed.resetTestingModule();
    own = new Subject();
    const gateway: CommandsGateway = {
      newCommandId: () => 'cmd-1',
      create: () => Promise.resolve(),
      watchOwn: () => asLive(own),
      watchHostHistory: () => NEVER,
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: COMMANDS_GATEWAY, useValue: gateway },
        { provide: SessionStore, useValue: { selectedTenantId: signal('acme') } },
      ],
    });
  });

  it('shows why the answers to the operator’s changes cannot be followed when their listener fails', async () => {
    const fixture = TestBed.createComponent(CommandNotices);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    expect(page.querySelector('[data-testid="commands-error"]')).toBeNull();
    own.error(new Error('Missing or insufficient permissions.'));
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="commands-error"]')?.textContent).toContain('Missing or insufficient permissions.');
  });
});
