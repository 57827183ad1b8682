import { computed, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { HostDoc, Role } from '@pulseboard/contracts';
import { BehaviorSubject, NEVER, of, Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS_GATEWAY, type CommandsGateway } from '../commands/commands-gateway';
import { ConnectionStore } from '../connection/connection-store';
import { SessionStore } from '../session/session-store';
import { HOSTS_GATEWAY, type HostsGateway } from './hosts-gateway';
import { HOST_ROW_HEIGHT_PX, HostsTable } from './hosts-table';
import { TENANT_GATEWAY, type TenantGateway } from '../tenant/tenant-gateway';
import { fresh } from '../testing/fake-gateways';
import type { Live } from '../firebase/live-snapshots';
import { tableHostOfRow, type TableHost } from './host-rows';

const HOST_COUNT = 1_000;

function hostDocs(count: number): TableHost[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, index) =>
    tableHostOfRow(`web-${String(index).padStart(4, '0')}`, { lastSeen: now, values: { cpu: index % 100 }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null }),
  );
}

/** Commands never answer and every write stays queued: enough to see the pending mark. */
const silentCommands: CommandsGateway = {
  newCommandId: () => 'cmd-1',
  create: () => new Promise<void>(() => undefined),
  watchOwn: () => NEVER,
  watchHostHistory: () => NEVER,
};

describe('HostsTable', () => {
  let fixture: ComponentFixture<HostsTable>;
  let hosts: BehaviorSubject<Live<readonly TableHost[]>>;
  /** The host documents the table asked for, by host. */
  let hostListeners: Map<string, Subject<Live<HostDoc | null>>>;
  const role = signal<Role | null>('operator');

  async function render(docs: TableHost[], as: Role): Promise<HTMLElement> {
    role.set(as);
    hosts = new BehaviorSubject<Live<readonly TableHost[]>>({ value: docs, fromCache: false, hasPendingWrites: false });
    hostListeners = new Map();
    const gateway: HostsGateway = {
      watchHosts: () => hosts,
      watchHost: (_tenantId, host) => {
        const listener = new Subject<Live<HostDoc | null>>();
        hostListeners.set(host, listener);
        return listener;
      },
    };
    const tenant: TenantGateway = { watchTenant: () => of(fresh(null)) };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: HOSTS_GATEWAY, useValue: gateway },
        { provide: TENANT_GATEWAY, useValue: tenant },
        { provide: COMMANDS_GATEWAY, useValue: silentCommands },
        {
          provide: SessionStore,
          useValue: { user: signal({ uid: 'user-1', email: 'user-1@example.com' }), selectedTenantId: signal('acme'), canOperate: computed(() => role() !== 'viewer') },
        },
      ],
    });
    fixture = TestBed.createComponent(HostsTable);
    const element: HTMLElement = fixture.nativeElement;
    await vi.waitFor(() => expect(element.querySelector('[data-testid="host-row"]')).not.toBeNull());
    return element;
  }

  const rowsIn = (element: HTMLElement) => element.querySelectorAll('[data-testid="host-row"]');

  beforeEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });
  afterEach(() => vi.restoreAllMocks());

  it('renders only the rows near the viewport out of 1,000 hosts', async () => {
    const element = await render(hostDocs(HOST_COUNT), 'viewer');
    expect(rowsIn(element).length).toBeGreaterThan(0);
    expect(rowsIn(element).length).toBeLessThan(50);
    expect(element.textContent).toContain(`${HOST_COUNT} / ${HOST_COUNT}`);
  });

  it('renders the rows in view first, and the rows only a scroll shows a few a frame after', async () => {
    // jsdom lays nothing out: the viewport is given the height of 9 rows.
    vi.spyOn(Element.prototype, 'clientHeight', 'get').mockImplementation(function (this: Element) {
      return this.localName === 'cdk-virtual-scroll-viewport' ? 9 * HOST_ROW_HEIGHT_PX : 0;
    });
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
    const element = await render(hostDocs(HOST_COUNT), 'viewer');
    await fixture.whenStable();
    expect(rowsIn(element).length).toBe(9);

    // The scroll buffer, 200 px more a frame, each step rendered before the next frame's: 800 px more in all.
    const rendered: number[] = [];
    for (let frame = 0; frame < 6; frame += 1) {
      for (const callback of frames.splice(0)) callback(performance.now());
      await fixture.whenStable();
      rendered.push(rowsIn(element).length);
    }
    expect(rendered).toEqual([13, 17, 20, 24, 24, 24]);
    expect(rendered.at(-1)).toBe(9 + Math.ceil(800 / HOST_ROW_HEIGHT_PX));
    expect(frames).toHaveLength(0);
  });

  it('says its rows are cached only while the connection is not live', async () => {
    const element = await render(hostDocs(3), 'viewer');
    const stale = () => element.querySelector('[data-testid="hosts-stale"]');
    const connection = TestBed.inject(ConnectionStore);
    connection.reportListener('member', { fromCache: false, hasPendingWrites: false, awaitingBackend: false });
    // The table opened on a live connection: the SDK's cache answers first.
    hosts.next({ value: hostDocs(3), fromCache: true, hasPendingWrites: false });
    await fixture.whenStable();
    expect(stale()).toBeNull();

    connection.reportListener('member', { fromCache: true, hasPendingWrites: false, awaitingBackend: false });
    await fixture.whenStable();
    expect(stale()?.textContent).toContain('Showing cached data');
    hosts.next({ value: hostDocs(3), fromCache: false, hasPendingWrites: false });
    await fixture.whenStable();
    expect(stale()).toBeNull();
  });

  it('filters rows by name', async () => {
    const element = await render(hostDocs(HOST_COUNT), 'viewer');
    const filter = element.querySelector<HTMLInputElement>('[data-testid="hosts-filter"]');
    filter!.value = 'web-0999';
    filter!.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect([...rowsIn(element)].map((row) => row.querySelector('a')?.textContent)).toEqual(['web-0999']);
  });

  it('ends its listener when it goes away, and is found filtered as it was left', async () => {
    const element = await render(hostDocs(HOST_COUNT), 'viewer');
    const filter = element.querySelector<HTMLInputElement>('[data-testid="hosts-filter"]');
    filter!.value = 'web-0999';
    filter!.dispatchEvent(new Event('input'));
    fixture.destroy();
    expect(hosts.observed).toBe(false);

    const again = TestBed.createComponent(HostsTable);
    const shown: HTMLElement = again.nativeElement;
    await vi.waitFor(() => expect(rowsIn(shown).length).toBe(1));
    expect(hosts.observed).toBe(true);
    expect(shown.querySelector<HTMLInputElement>('[data-testid="hosts-filter"]')?.value).toBe('web-0999');
  });

  it('sorts by CPU, highest first', async () => {
    const element = await render(hostDocs(10), 'viewer');
    element.querySelector<HTMLButtonElement>('[data-testid="sort-cpu"]')!.click();
    await fixture.whenStable();
    expect(rowsIn(element)[0]?.querySelector('a')?.textContent).toBe('web-0009');
  });

  it('shows live values as new snapshots arrive', async () => {
    const element = await render(hostDocs(1), 'viewer');
    const [doc] = hostDocs(1);
    hosts.next({
      value: [{ ...doc!, values: { cpu: 97 } }],
      fromCache: false,
      hasPendingWrites: false,
    });
    await vi.waitFor(() => expect(element.querySelector('[data-testid="host-status"]')?.textContent).toContain('critical'));
  });

  it('gives viewers no edit controls', async () => {
    const element = await render(hostDocs(5), 'viewer');
    expect(element.querySelector('[data-testid="threshold-edit"]')).toBeNull();
  });

  it('lets an operator edit a threshold inline and marks it pending at once', async () => {
    const element = await render(hostDocs(1), 'operator');
    element.querySelector<HTMLButtonElement>('[data-testid="threshold-edit"]')!.click();
    await fixture.whenStable();
    const warning = element.querySelector<HTMLInputElement>('[data-testid="threshold-warning"]')!;
    warning.value = '50';
    warning.dispatchEvent(new Event('input'));
    const critical = element.querySelector<HTMLInputElement>('[data-testid="threshold-critical"]')!;
    critical.value = '70';
    critical.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('[data-testid="threshold-save"]')!.click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="threshold-value"]')?.textContent).toContain('50 / 70');
    expect(element.querySelector('[data-testid="threshold-pending"]')?.getAttribute('data-sync')).toBe('queued');
    expect(element.textContent).toContain('queued');
  });

  it("listens to a host's document once its editor opens, and shows the thresholds it holds until the host's page row is newer", async () => {
    const [row] = hostDocs(1);
    const element = await render([row!], 'operator');
    expect(hostListeners.size).toBe(0);
    element.querySelector<HTMLButtonElement>('[data-testid="threshold-edit"]')!.click();
    await fixture.whenStable();
    const listener = hostListeners.get('web-0000');
    expect(listener).toBeDefined();
    // The command applied: the host document holds the override, the page not yet.
    const levels = { warning: 50, critical: 70 };
    listener!.next({
      value: { host: 'web-0000', lastSeen: row!.lastSeen, metrics: { cpu: { value: 0, ts: row!.lastSeen } }, recentErrors: [], errorsPerMinute: 0, thresholds: { cpu: levels }, silencedUntil: null, activeAlerts: {} },
      fromCache: false,
      hasPendingWrites: false,
    });
    [...element.querySelectorAll<HTMLButtonElement>('form.editor button')].find((button) => button.textContent?.trim() === 'Cancel')?.click();
    await vi.waitFor(() => expect(element.querySelector('[data-testid="threshold-value"]')?.textContent).toContain('50 / 70'));
    // A newer page row (the host's next batch) is the host's state again.
    hosts.next({ value: [{ ...row!, lastSeen: row!.lastSeen + 1, overrides: { cpu: { warning: 60, critical: 80 } } }], fromCache: false, hasPendingWrites: false });
    await vi.waitFor(() => expect(element.querySelector('[data-testid="threshold-value"]')?.textContent).toContain('60 / 80'));
  });

  it('lets the user pick a column for a metric it has never heard of, kept for the next visit', async () => {
    const [doc] = hostDocs(1);
    const element = await render([{ ...doc!, values: { ...doc!.values, queue_depth: 1234.5 } }], 'viewer');
    expect(element.querySelector('[data-testid="cell-queue_depth"]')).toBeNull();
    const toggle = element.querySelector<HTMLInputElement>('[data-testid="column-toggle-queue_depth"]');
    toggle!.click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="sort-queue_depth"]')?.textContent).toContain('queue_depth');
    expect(element.querySelector('[data-testid="cell-queue_depth"]')?.textContent?.trim()).toBe('1,234.5');
    element.querySelector<HTMLInputElement>('[data-testid="column-toggle-requests"]')?.click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="sort-requests"]')).toBeNull();

    fixture.destroy();
    const again = TestBed.createComponent(HostsTable);
    const shown: HTMLElement = again.nativeElement;
    await vi.waitFor(() => expect(shown.querySelector('[data-testid="cell-queue_depth"]')).not.toBeNull());
    expect(shown.querySelector('[data-testid="sort-requests"]')).toBeNull();
  });
});
