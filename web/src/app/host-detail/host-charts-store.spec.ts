import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { HostWindow, RecentWindows, Resolution, WindowChunkDoc } from '@pulseboard/contracts';
import { Subject } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionStore } from '../session/session-store';
import { asLive } from '../testing/fake-gateways';
import { HostChartsStore } from './host-charts-store';
import { HostStore } from './host-store';
import { WINDOWS_GATEWAY, type WindowsGateway } from './windows-gateway';

interface Watch {
  readonly tenantId: string;
  readonly host: string;
  readonly resolution: Resolution;
  readonly since: number;
  readonly chunks: Subject<readonly WindowChunkDoc[]>;
}

function window(start: number, cpu: number): HostWindow {
  return { start, metrics: { cpu: { count: 1, sum: cpu, min: cpu, max: cpu, last: cpu, lastTs: start } }, errorCount: 0 };
}

/** A host document's windows: the given resolutions, the others empty. */
function recent(windows: Partial<RecentWindows>): RecentWindows {
  return { '10s': [], '1m': [], '1h': [], ...windows };
}

function chunk(resolution: Resolution, windows: HostWindow[]): WindowChunkDoc {
  const start = windows[0]?.start ?? 0;
  return { host: 'web-01', resolution, start, end: start + 600_000, expiresAt: start + 86_400_000, windows };
}

describe('HostChartsStore', () => {
  let watches: Watch[];
  let tenantId: ReturnType<typeof signal<string | null>>;
  /** The host document's windows, as the page's HostStore holds them. */
  let recentWindows: ReturnType<typeof signal<RecentWindows | undefined>>;
  let store: InstanceType<typeof HostChartsStore>;

  beforeEach(() => {
    watches = [];
    tenantId = signal<string | null>('acme');
    recentWindows = signal<RecentWindows | undefined>(undefined);
    const gateway: WindowsGateway = {
      watchChunks: (tenant, host, resolution, since) => {
        const chunks = new Subject<readonly WindowChunkDoc[]>();
        watches.push({ tenantId: tenant, host, resolution, since, chunks });
        return asLive(chunks);
      },
    };
    TestBed.configureTestingModule({
      providers: [
        HostChartsStore,
        { provide: HostStore, useValue: { recentWindows } },
        { provide: WINDOWS_GATEWAY, useValue: gateway },
        { provide: SessionStore, useValue: { selectedTenantId: tenantId } },
      ],
    });
    store = TestBed.inject(HostChartsStore);
    store.showHost('web-01');
    TestBed.tick();
  });

  it('asks for the chunks of the last 15 minutes by default', () => {
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

  it("charts the host document's windows that the page's host state holds, with no listener of its own on that document", () => {
    const now = Date.now();
    recentWindows.set(recent({ '10s': [window(now - 20_000, 40), window(now - 10_000, 60)] }));
    expect(store.series().get('cpu')?.ys).toEqual([40, 60]);
    expect(watches.map(({ resolution }) => resolution)).toEqual(['10s']);
  });

  it('moves the time axis to now when new windows come, so the newest is inside it', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const before = store.span().to;
      vi.advanceTimersByTime(5_000);
      recentWindows.set(recent({ '10s': [window(Date.now() - 1_000, 40)] }));
      TestBed.tick();
      expect(store.span().to - before).toBeGreaterThanOrEqual(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it("charts a longer range from its archived chunks and the document's newer windows, oldest first", async () => {
    const now = Date.now();
    store.showRange('24h');
    TestBed.tick();
    recentWindows.set(recent({ '1m': [window(now - 60_000, 30)], '10s': [window(now - 10_000, 99)] }));
    watches.at(-1)!.chunks.next([chunk('1m', [window(now - 3_600_000, 10), window(now - 3_540_000, 20)])]);
    await vi.waitFor(() => expect(store.loaded()).toBe(true));
    expect(store.series().get('cpu')?.ys).toEqual([10, 20, 30]);
  });

  it('spans the chosen range up to now, however few windows there are', () => {
    recentWindows.set(recent({ '10s': [window(Date.now() - 10_000, 40)] }));
    const { from, to } = store.span();
    expect(to - from).toBe(15 * 60);
    expect(Date.now() / 1_000 - to).toBeLessThan(1);
    store.showRange('24h');
    expect(store.span().to - store.span().from).toBe(24 * 3_600);
  });

  it('starts over on another host', () => {
    store.showRange('24h');
    TestBed.tick();
    watches.at(-1)!.chunks.next([chunk('1m', [window(Date.now() - 3_600_000, 10)])]);
    store.showHost('web-02');
    TestBed.tick();
    expect(watches.at(-1)?.host).toBe('web-02');
    expect(store.series().get('cpu')?.xs).toEqual([]);
  });

  it('stops listening when no tenant is selected', () => {
    store.showRange('24h');
    TestBed.tick();
    tenantId.set(null);
    TestBed.tick();
    expect(watches.at(-1)!.chunks.observed).toBe(false);
  });
});
