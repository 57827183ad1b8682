import { ApplicationRef, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LIST_LIMITS } from '@pulseboard/contracts';
import { NEVER, of, Subject, throwError, type Observable } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS_GATEWAY, HOST_HISTORY_PAGE, type CommandsGateway } from '../commands/commands-gateway';
import type { CommandRecord } from '../commands/pending-commands';
import { SessionStore } from '../session/session-store';
import { asLive } from '../testing/fake-gateways';
import { CommandHistory } from './command-history';

const RECORDS: CommandRecord[] = [
  {
    id: 'c3',
    payload: { kind: 'set-threshold', host: 'web-01', metric: 'cpu', levels: { warning: 90, critical: 80 } },
    requestedBy: 'uid-other',
    requestedAt: 3_000,
    clickedAt: 3_000,
    status: 'rejected',
    reason: 'warning must be below critical',
    previous: null,
    resolvedAt: 3_050,
  },
  {
    id: 'c2',
    payload: { kind: 'set-threshold', host: 'web-02', metric: 'cpu', levels: null },
    requestedBy: 'uid-me',
    requestedAt: 2_000,
    clickedAt: 2_000,
    status: 'applied',
    reason: null,
    previous: null,
    resolvedAt: 2_050,
  },
  {
    id: 'c1',
    payload: { kind: 'set-threshold', host: 'web-01', metric: 'cpu', levels: { warning: 60, critical: 90 } },
    requestedBy: 'uid-me',
    requestedAt: 1_000,
    clickedAt: 1_000,
    status: 'applied',
    reason: null,
    previous: { warning: 80, critical: 95 },
    resolvedAt: 1_050,
  },
];

/** web-01's history as the signed-in `uid-me` of tenant acme sees it, from the given gateway. */
async function renderWebOne(watchRecords: ScriptedHistory): Promise<HTMLElement> {
  return (await renderHistory(watchRecords)).nativeElement as HTMLElement;
}

/** A history listener as a test scripts it: the records it delivers, as the backend would. */
type ScriptedHistory = (tenantId: string, host: string, count: number) => Observable<readonly CommandRecord[]>;

async function renderHistory(watchRecords: ScriptedHistory) {
  const watchHostHistory: CommandsGateway['watchHostHistory'] = (tenantId, host, count) => asLive(watchRecords(tenantId, host, count));
  const gateway: CommandsGateway = { newCommandId: () => 'unused', create: () => Promise.resolve(), watchOwn: () => NEVER, watchHostHistory };
  TestBed.configureTestingModule({
    providers: [
      { provide: COMMANDS_GATEWAY, useValue: gateway },
      { provide: SessionStore, useValue: { selectedTenantId: signal('acme'), user: signal({ uid: 'uid-me', email: 'me@x.dev' }) } },
    ],
  });
  const fixture = TestBed.createComponent(CommandHistory);
  fixture.componentRef.setInput('host', 'web-01');
  await fixture.whenStable();
  return fixture;
}

describe('CommandHistory', () => {
  beforeEach(() => TestBed.resetTestingModule());

  it('lists the commands about one host: who, old value, new value and outcome', async () => {
    const asked: string[] = [];
    const page = await renderWebOne((tenantId, host) => {
      asked.push(`${tenantId}/${host}`);
      // As the query does: the host's threshold and silence commands only.
      return of(RECORDS.filter((record) => 'host' in record.payload && record.payload.host === host));
    });
    const rows = [...page.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent?.trim()),
    );
    expect(asked).toEqual(['acme/web-01']);
    expect(rows).toEqual([
      ['uid-other', '–', 'cpu: 90 / 80', 'rejected: warning must be below critical'],
      ['you', 'cpu: 80 / 95', 'cpu: 60 / 90', 'applied'],
    ]);
  });

  it('shows older commands on request, keeping the rows shown until the longer list comes', async () => {
    const asked: number[] = [];
    const lists = new Subject<readonly CommandRecord[]>();
    const page = await renderWebOne((_tenantId, _host, count) => {
      asked.push(count);
      return lists;
    });
    const older = () => page.querySelector<HTMLButtonElement>('[data-testid="command-history-older"]');
    const rowCount = () => page.querySelectorAll('tbody tr').length;
    const commands = (count: number) => Array.from({ length: count }, (_, index) => ({ ...RECORDS[2]!, id: `c${index}` }));

    lists.next(commands(HOST_HISTORY_PAGE - 1));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(older()).toBeNull();

    lists.next(commands(HOST_HISTORY_PAGE));
    await TestBed.inject(ApplicationRef).whenStable();
    older()?.click();
    await TestBed.inject(ApplicationRef).whenStable();
    expect(asked).toEqual([HOST_HISTORY_PAGE, 2 * HOST_HISTORY_PAGE]);
    expect(rowCount()).toBe(HOST_HISTORY_PAGE);

    lists.next(commands(HOST_HISTORY_PAGE + 5));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(rowCount()).toBe(HOST_HISTORY_PAGE + 5);
    expect(older()).toBeNull();
  });

  it('asks for older commands up to the rules\' list limit, and then offers no more', async () => {
    const asked: number[] = [];
    const fixture = await renderHistory((_tenantId, host, count) => {
      asked.push(count);
      return of(Array.from({ length: count }, (_, index) => ({ ...RECORDS[2]!, id: `${host}-${index}` })));
    });
    const page = fixture.nativeElement as HTMLElement;
    const older = () => page.querySelector<HTMLButtonElement>('[data-testid="command-history-older"]');
    for (let clicks = 0; older() !== null && clicks <= LIST_LIMITS.commands; clicks++) {
      older()?.click();
      await fixture.whenStable();
    }
    expect(asked.at(-1)).toBe(LIST_LIMITS.commands);
    expect(Math.max(...asked)).toBe(LIST_LIMITS.commands);
    expect(older()).toBeNull();
  });

  it('starts another host from its newest page, even after older commands were asked for', async () => {
    const asked: string[] = [];
    const fixture = await renderHistory((_tenantId, host, count) => {
      asked.push(`${host}:${count}`);
      return of(Array.from({ length: count }, (_, index) => ({ ...RECORDS[2]!, id: `${host}-${index}` })));
    });
    const page = fixture.nativeElement as HTMLElement;
    page.querySelector<HTMLButtonElement>('[data-testid="command-history-older"]')?.click();
    await fixture.whenStable();
    fixture.componentRef.setInput('host', 'web-02');
    await fixture.whenStable();
    expect(asked).toEqual([`web-01:${HOST_HISTORY_PAGE}`, `web-01:${2 * HOST_HISTORY_PAGE}`, `web-02:${HOST_HISTORY_PAGE}`]);
    expect(page.querySelectorAll('tbody tr').length).toBe(HOST_HISTORY_PAGE);
  });

  it('says when the history cannot be read', async () => {
    const page = await renderWebOne(() => throwError(() => new Error('Missing or insufficient permissions.')));
    expect(page.querySelector('tbody')?.textContent).toContain(
      'The command history could not be read: Missing or insufficient permissions.',
    );
  });
});
