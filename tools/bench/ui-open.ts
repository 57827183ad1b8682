/**
 * bench:ui's open times (issue 20: a tenant of 2,000 hosts opens its overview and hosts table in
 * under 2 s with no long task): a viewer of the loaded tenant, in a fresh browser (no cache),
 * signs in, lands on the overview, then opens the hosts table by loading its URL (a cold open of
 * /hosts: the app boots again), then opens the overview again by its URL: a repeat visit, the
 * way a returning user opens it, with the app's files from its service worker (installed at the
 * first load, with the code V8 compiled for them) and the tenant's documents in the SDK's
 * persistent cache; and from there the table through its link, as that user goes on. Then a
 * second fresh browser signs in and opens the table the way a user mostly does, through the
 * navigation's link from the overview (no reload). An open's long tasks are those from its start
 * (the click, or the navigation of a page load) to its end; a page load's are counted from its first
 * contentful paint, and those before it (a blank page booting) are reported apart.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { APP_URL, fillSignIn, openBrowser, signIn, submitSignIn } from '../../testkit/browser';
import type { Cleanups } from '../cli/cleanups';
import { profileFunctions, type FunctionTimes } from './profile-attribution';
import { CARD_VALUE, counters, longTasksAroundFirstPaint, longTasksBetween, PROBES, showedNoFigure, shownCpu, type LongFrame } from './ui-probe';
import type { LoadTenant } from './ui-load';

/** Null where the page did not get there within OPEN_WAIT_MS. */
export interface OpenTimes {
  /** From the sign-in click to the overview's CPU card showing a figure (the Auth emulator's answer included). */
  overviewMs: number | null;
  /** The durations of the long tasks from that click to that figure. */
  overviewLongTaskMs: number[];
  /** The durations of the sign-in page's long tasks, from its load to the click: a first visit's boot (bench:boot times it alone). */
  signInPageLongTaskMs: number[];
  /** From the navigation to the hosts table to its count reading every host of the tenant. */
  hostsTableMs: number | null;
  /**
   * The durations of the long tasks of the table's page load after its first contentful paint
   * (longTasksAroundFirstPaint), until its count read every host and its rendered rows settled (rowsSettled).
   */
  hostsTableLongTaskMs: number[];
  /** Those of that load before its first contentful paint: the app booting on a blank page. */
  hostsTableBeforePaintLongTaskMs: number[];
  /** The overview opened again by its URL in that browser (a repeat visit), to its CPU card showing a figure. */
  overviewRepeatMs: number | null;
  /** The durations of that load's long tasks after its first contentful paint, until then. */
  overviewRepeatLongTaskMs: number[];
  /** Those before its first contentful paint. */
  overviewRepeatBeforePaintLongTaskMs: number[];
  /** Then the hosts table from the overview's link in that visit, to its count reading every host. */
  hostsTableRepeatMs: number | null;
  /** The durations of the long tasks from that click until then and its rows settled. */
  hostsTableRepeatLongTaskMs: number[];
  /** From the click on the navigation's "Hosts" link on the overview (a fresh browser, signed in) to the same count. */
  hostsTableInAppMs: number | null;
  /** The durations of the long tasks from that click until then and its rows settled. */
  hostsTableInAppLongTaskMs: number[];
  /** The table's count when it was read last ("shown / all"). */
  hostsTableCount: string;
  /** Rows in the table's DOM then: the virtual scroll's, a screenful and its buffer, not every host. */
  hostsTableRenderedRows: number;
  /** Each open's long animation frames over the same spans as its long tasks: what ran in them. */
  longFrames: Record<OpenName, LongFrame[]>;
  /** With --profile-opens: where each open's main thread went (the figures above then carry the profiler's cost). */
  profiles: Record<OpenName, FunctionTimes> | null;
}

/** The opens timeOpens times, in its order. */
export type OpenName = 'overview' | 'hostsTable' | 'overviewRepeat' | 'hostsTableRepeat' | 'hostsTableInApp';

/** How long one open is waited for; past it the open is reported as not done. */
const OPEN_WAIT_MS = 60_000;
/** How often the page is looked at while waiting: the figures are at most this coarse. */
const POLL_MS = 25;
const TABLE_COUNT = '#hosts-heading .count';
const TABLE_ROW = '[data-testid="host-row"]';
/**
 * How long the table's rendered rows must stay as they are for its open to be over: the table
 * renders its scroll buffer's rows a frame after the first screen's, and an open's long tasks are
 * counted until those are in too.
 */
const ROWS_SETTLED_MS = 250;

/** Polls `done` every POLL_MS until it holds, for at most OPEN_WAIT_MS: the time it took, or null. */
async function timeUntil(done: () => Promise<boolean>, from: number): Promise<number | null> {
  while (Date.now() - from < OPEN_WAIT_MS) {
    if (await done()) return Date.now() - from;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return null;
}

async function tableCount(page: Page): Promise<string> {
  const count = page.locator(TABLE_COUNT);
  return (await count.count()) === 0 ? '' : ((await count.textContent()) ?? '').trim();
}

/** Waits (at most OPEN_WAIT_MS) until the table's rendered rows have not changed for ROWS_SETTLED_MS. */
async function rowsSettled(page: Page): Promise<void> {
  let rows = -1;
  let since = Date.now();
  await timeUntil(async () => {
    const shown = await page.locator(TABLE_ROW).count();
    if (shown !== rows) {
      rows = shown;
      since = Date.now();
    }
    return Date.now() - since >= ROWS_SETTLED_MS;
  }, since);
}

/** Nothing to profile: the opens are timed without the profiler's cost. */
const NO_PROFILE = async () => null;

/** The overview showing a CPU figure: the end of the overview's open. */
async function overviewShown(page: Page): Promise<boolean> {
  return (await page.locator(CARD_VALUE).count()) > 0 && !showedNoFigure(await shownCpu(page));
}

/**
 * Clicks the navigation's "Hosts" link on the overview: how long until the table's count reads
 * `every` host (null past the wait), and the long tasks from the click until then and its rows settled.
 */
async function tableFromLink(page: Page, every: string): Promise<{ ms: number | null; longTaskMs: number[]; longFrames: LongFrame[] }> {
  const before = await counters(page);
  const clicked = Date.now();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Hosts', exact: true }).click();
  const ms = await timeUntil(async () => (await tableCount(page)) === every, clicked);
  await rowsSettled(page);
  const after = await counters(page);
  return { ms, ...longTasksBetween(before, after) };
}

/**
 * Times the loaded tenant's overview and hosts table opening cold and for a returning user, once
 * its `hosts` hosts have all reported; with a `profileDir`, samples each open's main thread too and keeps each raw profile
 * there (`open-<name>.cpuprofile`).
 */
export async function timeOpens(load: LoadTenant, hosts: number, profileDir: string | null, cleanups: Cleanups): Promise<OpenTimes> {
  const browser = await openBrowser();
  cleanups.add(() => browser.close());
  await browser.context.addInitScript(PROBES);
  const page = browser.page;
  const startProfile = (of: Page, open: string) =>
    profileDir === null ? Promise.resolve(NO_PROFILE) : profileFunctions(of, join(profileDir, `open-${open}.cpuprofile`));
  await fillSignIn(page, load.viewer.email, load.viewer.password);
  const signInPage = await counters(page);
  const stopOverviewProfile = await startProfile(page, 'overview');
  await submitSignIn(page);
  const signInClicked = Date.now();
  const overviewMs = await timeUntil(() => overviewShown(page), signInClicked);
  const overview = await counters(page);
  const overviewProfile = await stopOverviewProfile();

  const every = `${hosts} / ${hosts}`;
  const stopTableProfile = await startProfile(page, 'hosts-table');
  const navigated = Date.now();
  await page.goto(`${APP_URL}/hosts`);
  const hostsTableMs = await timeUntil(async () => (await tableCount(page)) === every, navigated);
  await rowsSettled(page);
  const table = await counters(page);
  const tableProfile = await stopTableProfile();
  const hostsTableCount = await tableCount(page);
  const hostsTableRenderedRows = await page.locator(TABLE_ROW).count();

  const stopRepeatProfile = await startProfile(page, 'overview-repeat');
  const reopened = Date.now();
  await page.goto(`${APP_URL}/overview`);
  const overviewRepeatMs = await timeUntil(() => overviewShown(page), reopened);
  const repeat = await counters(page);
  const repeatProfile = await stopRepeatProfile();
  const stopTableRepeatProfile = await startProfile(page, 'hosts-table-repeat');
  const tableRepeat = await tableFromLink(page, every);
  const tableRepeatProfile = await stopTableRepeatProfile();
  // Closed first, so its listeners share no CPU with the next open (closing twice, as the clean-up will, is a no-op).
  await browser.close();

  const inApp = await openBrowser();
  cleanups.add(() => inApp.close());
  await inApp.context.addInitScript(PROBES);
  await signIn(inApp.page, load.viewer.email, load.viewer.password);
  await timeUntil(() => overviewShown(inApp.page), Date.now());
  const stopInAppProfile = await startProfile(inApp.page, 'hosts-table-in-app');
  const tableInApp = await tableFromLink(inApp.page, every);
  const inAppProfile = await stopInAppProfile();
  const overviewOpen = longTasksBetween(signInPage, overview);
  const tableLoad = longTasksAroundFirstPaint(table);
  const repeatLoad = longTasksAroundFirstPaint(repeat);
  return {
    overviewMs,
    overviewLongTaskMs: overviewOpen.longTaskMs,
    signInPageLongTaskMs: signInPage.longTasks.map((task) => task.ms),
    hostsTableMs,
    hostsTableLongTaskMs: tableLoad.afterPaint,
    hostsTableBeforePaintLongTaskMs: tableLoad.beforePaint,
    overviewRepeatMs,
    overviewRepeatLongTaskMs: repeatLoad.afterPaint,
    overviewRepeatBeforePaintLongTaskMs: repeatLoad.beforePaint,
    hostsTableRepeatMs: tableRepeat.ms,
    hostsTableRepeatLongTaskMs: tableRepeat.longTaskMs,
    hostsTableInAppMs: tableInApp.ms,
    hostsTableInAppLongTaskMs: tableInApp.longTaskMs,
    hostsTableCount,
    hostsTableRenderedRows,
    longFrames: {
      overview: overviewOpen.longFrames,
      hostsTable: table.longFrames,
      overviewRepeat: repeat.longFrames,
      hostsTableRepeat: tableRepeat.longFrames,
      hostsTableInApp: tableInApp.longFrames,
    },
    profiles:
      overviewProfile === null || tableProfile === null || repeatProfile === null || tableRepeatProfile === null || inAppProfile === null
        ? null
        : {
            overview: overviewProfile,
            hostsTable: tableProfile,
            overviewRepeat: repeatProfile,
            hostsTableRepeat: tableRepeatProfile,
            hostsTableInApp: inAppProfile,
          },
  };
}
