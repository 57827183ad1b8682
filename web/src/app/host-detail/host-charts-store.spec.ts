import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { HostWindow, Resolution } from '@pulseboard/contracts';
import { Subject } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionStore } from '../session/session-store';
import { asLive } from '../testing/fake-gateways';
import { HostChartsStore } from './host-charts-store';
import { WINDOWS_GATEWAY, type WindowsGateway } from './windows-gateway';

interface Watch {
  readonly tenantId: string;
  readonly host: string;
  readonly resolution: Resolution;
  readonly since: number;
  readonly windows: Subject<readonly HostWindow[]>;
}

function window(start: number, cpu: number): HostWindow {
  return { start, metrics: { cpu: { count: 1, sum: cpu, min: cpu, max: cpu, last: cpu, lastTs: start } }, errorCount: 0 };
}

describe('HostChartsStore', () => {
  let watches: Watch[];
  let tenantId: ReturnType<typeof signal<string | null>>;
  let store: InstanceType<typeof HostChartsStore>;

  beforeEach(() => {
    watches = [];
    tenantId = signal<string | null>('acme');
    const gateway: WindowsGateway = {
      watchWindows: (tenant, host, resolution, since) => {
        const windows = new Subject<readonly HostWindow[]>();
        watches.push({ tenantId: tenant, host, resolution, since, windows });
        return asLive(windows);
      },
    };
    TestBed.configureTestingModule({
      providers: [HostChartsStore, { provide: WINDOWS_GATEWAY, useValue: gateway }, { provide: SessionStore, useValue: { selectedTenantId: tenantId } }],
    });
    store = TestBed.inject(HostChartsStore);
    store.showHost('web-01');
    TestBed.tick();
  });

  it('listens to 10 s windows of the last 15 minutes by default', () => {
    expect(watches).toHaveLength(1);
    expect(watches[0]).toMatchObject({ tenantId: 'acme', host: 'web-01', resolution: '10s' });
    expect(Date.now() - watches[0]!.since).toBeGreaterThanOrEqual(15 * 60_000);
  });

  it.each([
    ['24h', '1m', 24 * 3_600_000],
    ['30d', '1h', 30 * 86_400_000],
  ] as const)('switches to %s from %s windows', (range, resolution, spanMs) => {
    store.showRange(range);
    TestBed.tick();
    expect(watches.at(-1)?.resolution).toBe(resolution);
    expect(Date.now() - watches.at(-1)!.since).toBeGreaterThanOrEqual(spanMs);
  });

  it('charts the windows the listener delivers', async () => {
    const now = Date.now();
    watches[0]!.windows.next([window(now - 20_000, 40), window(now - 10_000, 60)]);
    await vi.waitFor(() => expect(store.loaded()).toBe(true));
    expect(store.series().get('cpu')?.ys).toEqual([40, 60]);
  });

  it('spans the chosen range up to now, however few windows there are', async () => {
    watches[0]!.windows.next([window(Date.now() - 10_000, 40)]);
    await vi.waitFor(() => expect(store.loaded()).toBe(true));
    const { from, to } = store.span();
    expect(to - from).toBe(15 * 60);
    expect(Date.now() / 1_000 - to).toBeLessThan(1);
    store.showRange('24h');
    expect(store.span().to - store.span().from).toBe(24 * 3_600);
  });

  it('starts over on another host', () => {
    store.showHost('web-02');
    TestBed.tick();
    expect(watches.at(-1)?.host).toBe('web-02');
    expect(store.series().get('cpu')?.xs).toEqual([]);
  });

  it('stops listening when no tenant is selected', () => {
    tenantId.set(null);
    TestBed.tick();
    expect(watches).toHaveLength(1);
    expect(watches[0]!.windows.observed).toBe(false);
  });
});
