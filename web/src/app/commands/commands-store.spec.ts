import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CommandPayload, CommandStatus } from '@pulseboard/contracts';
import { NEVER, Subject, type Observable } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Live } from '../firebase/live-snapshots';
import { SessionStore } from '../session/session-store';
import { asLive } from '../testing/fake-gateways';
import { COMMANDS_GATEWAY, type CommandsGateway } from './commands-gateway';
import { COMMAND_CLIENT_TIMEOUT_MS, CommandsStore } from './commands-store';
import type { CommandRecord, OwnCommand } from './pending-commands';

const SERVER = { warning: 80, critical: 95 };

/** Stands in for Firestore: the test decides when writes land and what the listener sees. */
class ScriptedGateway implements CommandsGateway {
  private nextId = 0;
  readonly writes = new Map<
    string,
    { payload: CommandPayload; clickedAt: number; landed: boolean; land: () => void; fail: (e: Error) => void }
  >();
  readonly listeners = new Map<string, Subject<readonly OwnCommand[]>>();

  newCommandId(): string {
    return `cmd-${++this.nextId}`;
  }
  create(_tenantId: string, commandId: string, payload: CommandPayload, clickedAt: number): Promise<void> {
    return new Promise((land, fail) => {
      const write = { payload, clickedAt, landed: false, land: () => ((write.landed = true), land()), fail };
      this.writes.set(commandId, write);
    });
  }
  watchHostHistory(): Observable<Live<readonly CommandRecord[]>> {
    return NEVER;
  }
  watchOwn(tenantId: string): Observable<Live<readonly OwnCommand[]>> {
    const listener = new Subject<readonly OwnCommand[]>();
    this.listeners.set(tenantId, listener);
    return asLive(listener);
  }

  /** The listener's view: every written command with the given statuses; unlanded writes are still queued. */
  answer(tenantId: string, statuses: Record<string, CommandStatus>, reason: string | null = null): void {
    const records = [...this.writes].map(([id, write]) =>
      ownCommand(id, write.payload, {
        clickedAt: write.clickedAt,
        status: statuses[id] ?? 'pending',
        reason: statuses[id] === 'rejected' ? reason : null,
        hasPendingWrites: !write.landed,
      }),
    );
    this.listeners.get(tenantId)?.next(records);
  }
}

function ownCommand(id: string, payload: CommandPayload, fields: Partial<OwnCommand> = {}): OwnCommand {
  return {
    id,
    payload,
    requestedBy: 'uid-op',
    requestedAt: 1,
    clickedAt: 1,
    status: 'pending',
    reason: null,
    previous: null,
    resolvedAt: null,
    hasPendingWrites: false,
    ...fields,
  };
}

async function landWrite(gateway: ScriptedGateway, id: string): Promise<void> {
  gateway.writes.get(id)?.land();
  await Promise.resolve();
  await Promise.resolve();
}

describe('CommandsStore', () => {
  let gateway: ScriptedGateway;
  let tenantId: ReturnType<typeof signal<string | null>>;
  let store: InstanceType<typeof CommandsStore>;

  beforeEach(() => {
    vi.useFakeTimers();
    gateway = new ScriptedGateway();
    tenantId = signal<string | null>('acme');
    TestBed.configureTestingModule({
      providers: [
        { provide: COMMANDS_GATEWAY, useValue: gateway },
        { provide: SessionStore, useValue: { selectedTenantId: tenantId } },
      ],
    });
    store = TestBed.inject(CommandsStore);
    TestBed.tick();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const shown = () => store.thresholdOf('web-01', 'cpu', SERVER);

  it('shows a submitted threshold at once, marked pending', () => {
    void store.submitThreshold('web-01', 'cpu', { warning: 60, critical: 90 });
    expect(shown()).toEqual({ value: { warning: 60, critical: 90 }, pendingId: 'cmd-1' });
  });

  it('confirms on applied', async () => {
    void store.submitThreshold('web-01', 'cpu', { warning: 60, critical: 90 });
    await landWrite(gateway, 'cmd-1');
    gateway.answer('acme', { 'cmd-1': 'applied' });
    expect(store.pending()).toEqual([]);
    expect(store.notices()).toEqual([]);
  });

  it('rolls back on rejected and keeps the reason for the row', async () => {
    void store.submitThreshold('web-01', 'cpu', { warning: 99, critical: 90 });
    await landWrite(gateway, 'cmd-1');
    gateway.answer('acme', { 'cmd-1': 'rejected' }, 'warning must be below critical');
    expect(shown()).toEqual({ value: SERVER, pendingId: null });
    expect(store.thresholdNotice('web-01', 'cpu')?.message).toContain('warning must be below critical');
  });

  it('rolls back on expired', async () => {
    void store.submitThreshold('web-01', 'cpu', { warning: 60, critical: 90 });
    await landWrite(gateway, 'cmd-1');
    gateway.answer('acme', { 'cmd-1': 'expired' });
    expect(shown().pendingId).toBeNull();
    expect(store.latestNotice()?.cause).toBe('expired');
  });

  it('rolls back when the server never answers', async () => {
    void store.submitThreshold('web-01', 'cpu', { warning: 60, critical: 90 });
    await landWrite(gateway, 'cmd-1');
    vi.advanceTimersByTime(COMMAND_CLIENT_TIMEOUT_MS - 1);
    expect(shown().pendingId).toBe('cmd-1');
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual({ value: SERVER, pendingId: null });
    expect(store.latestNotice()?.cause).toBe('timeout');
  });

  it('restores the older value when the newer of two commands on one host is rejected first', async () => {
    void store.submitThreshold('web-01', 'cpu', { warning: 60, critical: 90 });
    void store.submitThreshold('web-01', 'cpu', { warning: 70, critical: 99 });
    await landWrite(gateway, 'cmd-1');
    await landWrite(gateway, 'cmd-2');
    gateway.answer('acme', { 'cmd-2': 'rejected' }, 'no');
    expect(shown()).toEqual({ value: { warning: 60, critical: 90 }, pendingId: 'cmd-1' });
    gateway.answer('acme', { 'cmd-2': 'rejected', 'cmd-1': 'rejected' }, 'no');
    expect(shown()).toEqual({ value: SERVER, pendingId: null });
    expect(store.notices().map((n) => n.commandId)).toEqual(['cmd-1', 'cmd-2']);
  });

  it('keeps a write queued offline pending past the timeout, then settles it when it lands', async () => {
    void store.submitThreshold('web-01', 'cpu', { warning: 60, critical: 90 });
    vi.advanceTimersByTime(10 * COMMAND_CLIENT_TIMEOUT_MS);
    expect(store.hasQueuedWrites()).toBe(true);
    expect(store.isQueued('cmd-1')).toBe(true);
    expect(shown().pendingId).toBe('cmd-1');
    await landWrite(gateway, 'cmd-1');
    expect(store.hasQueuedWrites()).toBe(false);
    expect(store.isQueued('cmd-1')).toBe(false);
    gateway.answer('acme', { 'cmd-1': 'applied' });
    expect(store.pending()).toEqual([]);
  });

  it('rolls back a write the server refuses', async () => {
    void store.submitThreshold('web-01', 'cpu', { warning: 60, critical: 90 });
    gateway.writes.get('cmd-1')?.fail(new Error('Missing or insufficient permissions.'));
    await vi.runAllTimersAsync();
    expect(shown().pendingId).toBeNull();
    expect(store.latestNotice()).toMatchObject({ cause: 'write-failed', message: expect.stringContaining('permissions') });
  });

  it('shows acknowledge, resolve and silence at once', () => {
    void store.ackAlert('al-1');
    void store.silenceHost('web-01', 5_000);
    expect(store.alertStateOf('al-1', 'open').value).toBe('acknowledged');
    expect(store.silenceOf('web-01', null).value).toBe(5_000);
    void store.resolveAlert('al-1');
    expect(store.alertStateOf('al-1', 'open').value).toBe('resolved');
  });

  it('shows submitted tenant settings at once, and takes them back with the reason when rejected', async () => {
    const server = { name: 'Acme', thresholds: {}, sustainSeconds: 30, staleAfterSeconds: 60 };
    const asked = { ...server, name: 'Acme Corp', thresholds: { disk_used: { warning: 9, critical: 1 } } };
    void store.submitTenantSettings(asked);
    expect(store.tenantSettingsOf(server)).toEqual({ value: asked, pendingId: 'cmd-1' });
    await landWrite(gateway, 'cmd-1');
    gateway.answer('acme', { 'cmd-1': 'rejected' }, 'disk_used: The warning level (9) must be below the critical level (1)');
    expect(store.tenantSettingsOf(server)).toEqual({ value: server, pendingId: null });
    expect(store.tenantSettingsNotice()?.message).toBe(
      'Saving the tenant settings was rejected: disk_used: The warning level (9) must be below the critical level (1).',
    );
  });

  it('drops everything of the previous tenant on a switch', async () => {
    void store.submitThreshold('web-01', 'cpu', { warning: 60, critical: 90 });
    gateway.answer('acme', {});
    tenantId.set('globex');
    TestBed.tick();
    expect(store.pending()).toEqual([]);
    gateway.answer('acme', { 'cmd-1': 'rejected' }, 'late');
    expect(store.notices()).toEqual([]);
  });

  describe('after a reload', () => {
    const queuedBefore = (fields: Partial<OwnCommand> = {}) =>
      ownCommand('old-1', { kind: 'set-threshold', host: 'web-01', metric: 'cpu', levels: { warning: 61, critical: 91 } }, {
        clickedAt: 5_000,
        hasPendingWrites: true,
        ...fields,
      });

    it('shows a command the device still queues as queued, with the time of its click', () => {
      gateway.listeners.get('acme')?.next([queuedBefore()]);
      expect(shown()).toEqual({ value: { warning: 61, critical: 91 }, pendingId: 'old-1' });
      expect(store.isQueued('old-1')).toBe(true);
      expect(store.clickedAt('old-1')).toBe(5_000);
      expect(store.hasQueuedWrites()).toBe(true);
    });

    it('starts the client timeout once the server has the restored command', () => {
      gateway.listeners.get('acme')?.next([queuedBefore()]);
      vi.advanceTimersByTime(10 * COMMAND_CLIENT_TIMEOUT_MS);
      expect(store.isQueued('old-1')).toBe(true);
      gateway.listeners.get('acme')?.next([queuedBefore({ hasPendingWrites: false })]);
      expect(store.isQueued('old-1')).toBe(false);
      vi.advanceTimersByTime(COMMAND_CLIENT_TIMEOUT_MS);
      expect(store.latestNotice()).toMatchObject({ commandId: 'old-1', cause: 'timeout' });
    });

    it('rolls back a restored command refused as expired while offline, saying so', () => {
      gateway.listeners.get('acme')?.next([queuedBefore()]);
      const reason = 'Expired while offline: it reached the server 400 s after the click; the limit is 300 s.';
      gateway.listeners.get('acme')?.next([queuedBefore({ hasPendingWrites: false, status: 'expired', reason })]);
      expect(shown()).toEqual({ value: SERVER, pendingId: null });
      expect(store.thresholdNotice('web-01', 'cpu')?.message).toContain(reason);
    });

    it('rolls back a restored command the server refused when the connection returned', () => {
      gateway.listeners.get('acme')?.next([queuedBefore()]);
      gateway.listeners.get('acme')?.next([]);
      expect(shown()).toEqual({ value: SERVER, pendingId: null });
      expect(store.latestNotice()).toMatchObject({ commandId: 'old-1', cause: 'write-failed' });
    });

    it('applies a restored command without a notice', () => {
      gateway.listeners.get('acme')?.next([queuedBefore()]);
      expect(store.pending()).toHaveLength(1);
      gateway.listeners.get('acme')?.next([queuedBefore({ hasPendingWrites: false, status: 'applied' })]);
      expect(store.pending()).toEqual([]);
      expect(store.notices()).toEqual([]);
    });
  });
});
