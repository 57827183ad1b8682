/**
 * bench:ui's load: the simulator feeding a tenant of its own while the measured tenant is timed,
 * and a second browser watching that tenant's pages, whose renders, long tasks and frames are the
 * ones counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESOLUTIONS } from '@pulseboard/contracts';
import type { Page } from 'playwright-core';
import { storedWindows } from '../../testkit/host-windows';
import { APP_URL, openBrowser, signIn, type TestBrowser } from '../../testkit/browser';
import { writeEveryShardOfRecentWindows } from '../../testkit/fleet-history';
import { writeIngestKey } from '../../testkit/ingest-key';
import { createTenant, createUser, uniqueTenantId, type TestUser } from '../../testkit/tenant-fixture';
import type { Cleanups } from '../cli/cleanups';
import { BASIC_METRICS, buildFleet, DEFAULT_SIMULATOR_SEED } from '../simulator/fleet';
import { loadFleetTraces } from '../simulator/load-traces';
import { CARD_VALUE, PROBES } from './ui-probe';
import { eventsCounted } from './stats';
import { warmIngestWorkers } from './warm-up';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The load's shape: bench:ui's --load-* flags. */
export interface LoadShape {
  hosts: number;
  /** Seconds between two samples of a host. */
  interval: number;
  /** Seconds between two posts of an agent. */
  flush: number;
  agents: number;
  /** Newest 10 s windows of fleet history the tenant starts with. */
  history: number;
  /** Ingest workers started before the load. */
  warmWorkers: number;
}

/** Events per second the load's hosts are sampled at: the simulator's basic metrics, each host every interval. */
export function loadTargetEventsPerSecond(shape: LoadShape): number {
  return Math.round((shape.hosts * BASIC_METRICS.length) / shape.interval);
}

export interface LoadTenant {
  tenantId: string;
  viewer: TestUser;
  /** The first host the simulator replays: its page is opened beside the overview. */
  firstHost: string;
  /** Stops the simulator (its last batches answered); the tenant keeps every document it wrote. */
  stop(): Promise<void>;
}

/** The simulator feeding a tenant of its own until the clean-up stops it, and a viewer of that tenant. */
export async function startLoad(shape: LoadShape, cleanups: Cleanups): Promise<LoadTenant> {
  const loadTenant = uniqueTenantId('bench-load');
  await createTenant(loadTenant);
  await writeEveryShardOfRecentWindows(loadTenant, shape.history);
  const loadKey = await writeIngestKey(loadTenant, 'bench');
  await warmIngestWorkers(loadKey, shape.warmWorkers);
  const simulatorFlags = { hosts: shape.hosts, interval: shape.interval, flush: shape.flush, agents: shape.agents, key: loadKey };
  const simulator = spawn(
    process.execPath,
    // The load's shape as before the simulator sent network_in, so the figures stay comparable.
    ['--import', 'tsx', 'tools/simulator/cli.ts', ...Object.entries(simulatorFlags).flatMap(([name, value]) => [`--${name}`, String(value)]), '--basic-metrics'],
    // The simulator's progress lines and errors go to this bench's stderr.
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const stop = () => stopSimulator(simulator);
  cleanups.add(stop);
  const firstHost = buildFleet(shape.hosts, loadFleetTraces(), DEFAULT_SIMULATOR_SEED)[0]?.host ?? '';
  return { tenantId: loadTenant, viewer: await createUser({ [loadTenant]: 'viewer' }), firstHost, stop };
}

/** Stops the simulator and waits for it, so its last batches land while the emulators still run. */
async function stopSimulator(simulator: ChildProcess): Promise<void> {
  if (simulator.exitCode !== null || simulator.signalCode !== null) return;
  const exited = new Promise((resolve) => simulator.once('exit', resolve));
  simulator.kill('SIGTERM');
  await exited;
}

/**
 * Events the tenant's hosts' 10 s windows counted per second, over the windows wholly inside
 * [from, to] (the fleet shards' 10 s windows keep only the card metrics).
 */
export async function eventsPerSecondIngested(tenantId: string, from: number, to: number): Promise<number> {
  const windowMs = RESOLUTIONS['10s'].ms;
  const first = Math.ceil(from / windowMs) * windowMs;
  const end = Math.floor(to / windowMs) * windowMs;
  if (end <= first) return 0;
  const windows = [...(await storedWindows(tenantId, '10s')).values()].flat().filter((window) => window.start >= first && window.start < end);
  const events = windows.reduce((total, window) => total + eventsCounted(window.metrics), 0);
  return events / ((end - first) / 1000);
}

export interface LoadWatch {
  browser: TestBrowser;
  /** The overview, then the first host's page. */
  pages: Page[];
  /** Errors the pages logged (the app's ErrorHandler logs what it catches). */
  pageErrors: string[];
}

/**
 * A second browser, signed in to the loaded tenant, with its overview in one tab and its first
 * host's page (live charts) in another: the widgets whose renders are counted under load.
 */
export async function watchLoad(load: LoadTenant, cleanups: Cleanups): Promise<LoadWatch> {
  const browser = await openBrowser();
  cleanups.add(() => browser.close());
  await browser.context.addInitScript(PROBES);
  const pageErrors: string[] = [];
  browser.context.on('console', (message) => {
    if (message.type() !== 'error') return;
    pageErrors.push(message.text());
    process.stderr.write(`loaded page error: ${message.text().slice(0, 600)}\n`);
  });
  await signIn(browser.page, load.viewer.email, load.viewer.password);
  await browser.page.locator(CARD_VALUE).waitFor();
  // In a window of its own: as a second tab of the overview's window, the overview got about one
  // animation frame a second (in each of the 4 runs that printed each page's fps median), though
  // both pages reported themselves visible and focused.
  const cdp = await browser.context.newCDPSession(browser.page);
  const opened = browser.context.waitForEvent('page');
  await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: true });
  const hostPage = await opened;
  await cdp.detach();
  await hostPage.goto(`${APP_URL}/hosts/${load.firstHost}`);
  await hostPage.locator('pb-metric-chart').first().waitFor();
  return { browser, pages: [browser.page, hostPage], pageErrors };
}
