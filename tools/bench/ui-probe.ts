/**
 * bench:ui's probe: what it installs in and reads from a page. The scripts are plain JavaScript
 * text, because they run in the page.
 */
import type { Page } from 'playwright-core';

export const CARD_VALUE = '[data-testid="metric-card-cpu"] [data-testid="metric-value"]';
const DOM_WAIT_MS = 5_000;
/** What the loaded overview's CPU figure reads when no card is shown: the page still says it is loading. */
const NO_CARD = 'no card';

/** The CPU card's figure, without waiting for a card that a still-loading overview does not show. */
export async function shownCpu(page: Page): Promise<string> {
  const card = page.locator(CARD_VALUE);
  return (await card.count()) === 0 ? NO_CARD : ((await card.textContent())?.trim() ?? NO_CARD);
}

/** True when the CPU card read by shownCpu showed no figure: no card, or the card's no-data dash. */
export function showedNoFigure(cpu: string | null): boolean {
  return cpu === '—' || cpu === NO_CARD;
}

/**
 * What counts as one widget when renders are counted: each card, panel, badge and chart of the
 * overview and the host page. Its DOM changing in one mutation callback is one render.
 */
const WIDGETS = [
  'pb-metric-card',
  '[data-testid="fleet-health"]',
  '[data-testid="top-hosts-cpu"]',
  '[data-testid="top-hosts-errors"]',
  'pb-alert-banner',
  'pb-connection-badge',
  'pb-host-status-badge',
  'pb-threshold-editor',
  'pb-metric-chart',
].join(', ');

/**
 * Installed before the app loads. Keeps every long task (when it started and how long it took),
 * the page's first contentful paint, and what ran in every long animation frame (LongFrame), stamps
 * every animation frame, and counts renders per widget: one mutation callback that changed a widget
 * is one render of it, tagged with the animation frame it happened in.
 */
export const PROBES = `
  const bench = (window.__pulseboardBench = { longTasks: [], firstContentfulPaintMs: null, longFrames: [], frames: [], renders: [] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration > 50) bench.longTasks.push({ startMs: Math.round(entry.startTime), ms: Math.round(entry.duration) });
    }
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint') bench.firstContentfulPaintMs = Math.round(entry.startTime);
    }
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      bench.longFrames.push({
        ms: Math.round(entry.duration),
        renderMs: entry.renderStart > 0 ? Math.round(entry.startTime + entry.duration - entry.renderStart) : 0,
        scripts: entry.scripts.map((script) => ({
          invoker: script.invoker,
          source: (script.sourceURL.split('/').at(-1) || '(inline)') + ':' + script.sourceCharPosition,
          function: script.sourceFunctionName,
          ms: Math.round(script.duration),
          forcedLayoutMs: Math.round(script.forcedStyleAndLayoutDuration),
        })),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  const stamp = (time) => { bench.frames.push(time); requestAnimationFrame(stamp); };
  requestAnimationFrame(stamp);
  const widgets = new WeakMap();
  let nextWidget = 0;
  new MutationObserver((records) => {
    const rendered = new Set();
    for (const record of records) {
      const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
      const widget = node?.closest(${JSON.stringify(WIDGETS)});
      if (!widget) continue;
      if (!widgets.has(widget)) widgets.set(widget, nextWidget++);
      rendered.add(widgets.get(widget));
    }
    for (const widget of rendered) bench.renders.push({ widget, frame: bench.frames.length });
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
`;

/** The host page's CPU chart's newest figure (beside its caption), timed like the overview's card. */
export const HOST_CPU_VALUE = '[data-testid="chart-cpu"] [data-testid="chart-latest"]';

/** Resolves with the wall-clock time at which the text of the element `selector` picks changes, or null after the wait. */
const awaitChange = (selector: string) => `new Promise((resolve) => {
  const target = document.querySelector(${JSON.stringify(selector)});
  const before = target.textContent;
  const observer = new MutationObserver(() => {
    if (target.textContent === before) return;
    observer.disconnect();
    resolve(Date.now());
  });
  observer.observe(target, { subtree: true, childList: true, characterData: true });
  setTimeout(() => { observer.disconnect(); resolve(null); }, ${DOM_WAIT_MS});
})`;

/** Starts watching the text of a figure (CARD_VALUE, HOST_CPU_VALUE); changedAt collects what it saw. */
export async function watchFigure(page: Page, selector: string): Promise<void> {
  await page.evaluate(`void (window.__pulseboardChange = ${awaitChange(selector)})`);
}

/** When the watched figure's text changed (wall clock), or null when it did not within DOM_WAIT_MS. */
export function changedAt(page: Page): Promise<number | null> {
  return page.evaluate<number | null>('window.__pulseboardChange');
}

export interface Render {
  widget: number;
  frame: number;
}

/**
 * One long animation frame (over 50 ms from its first task to its paint), as Chromium's Long
 * Animation Frames API attributes it: each script that ran in it longer than 5 ms (the API's
 * threshold), with what invoked it (a timer, a promise, an animation-frame callback, a module's
 * evaluation) and where it starts. What a long task's duration alone does not say: which of the
 * app's tasks, and whether the render's tick or the work before it.
 */
export interface LongFrame {
  ms: number;
  /** From the frame's rendering start (animation-frame callbacks, style, layout, paint) to its end. */
  renderMs: number;
  scripts: { invoker: string; source: string; function: string; ms: number; forcedLayoutMs: number }[];
}

/** A task over 50 ms: when it started (the page's timeline) and how long it took. */
export interface LongTask {
  startMs: number;
  ms: number;
}

/** What PROBES has counted in a page since it loaded. */
export interface PageCounters {
  /** Each long task, in the order they ended. */
  longTasks: LongTask[];
  /** When the page first painted text or an image (the page's timeline); null before it has. */
  firstContentfulPaintMs: number | null;
  /** Each long animation frame, in the order they ended. */
  longFrames: LongFrame[];
  frames: number[];
  renders: Render[];
}

export async function counters(page: Page): Promise<PageCounters> {
  return (await page.evaluate('window.__pulseboardBench')) as PageCounters;
}

/** The long tasks' durations and the long frames a page had between two readings of its counters. */
export function longTasksBetween(before: PageCounters, after: PageCounters): { longTaskMs: number[]; longFrames: LongFrame[] } {
  return {
    longTaskMs: after.longTasks.slice(before.longTasks.length).map((task) => task.ms),
    longFrames: after.longFrames.slice(before.longFrames.length),
  };
}

/**
 * The durations of a page load's long tasks, split at its first contentful paint: those that
 * ended before it ran while the page was still blank (the app's boot: no input to delay, no frame
 * to drop; what they cost is in the open's time), the others while the user saw the page, which
 * is what a long task is counted against (as Total Blocking Time counts from that paint). Read
 * when the open is over; a page with no paint recorded counts every long task as after it.
 */
export function longTasksAroundFirstPaint(page: PageCounters): { beforePaint: number[]; afterPaint: number[] } {
  const painted = page.firstContentfulPaintMs;
  const split = { beforePaint: [] as number[], afterPaint: [] as number[] };
  for (const task of page.longTasks) {
    (painted !== null && task.startMs + task.ms <= painted ? split.beforePaint : split.afterPaint).push(task.ms);
  }
  return split;
}

export interface PageProfile {
  /** Share of the sampled time the page's main thread was idle. */
  idleShare: number;
  /** Where the busy time went, by script file (or native function), most first. */
  busiest: string[];
}

/** Samples a page's main thread with the CDP profiler until the returned stop is called. */
export async function profile(page: Page): Promise<() => Promise<PageProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1_000 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile: sampled } = await cdp.send('Profiler.stop');
    await cdp.detach();
    const nodes = new Map(sampled.nodes.map((node) => [node.id, node.callFrame]));
    const deltas = sampled.timeDeltas ?? [];
    const byPlace = new Map<string, number>();
    (sampled.samples ?? []).forEach((id, index) => {
      const frame = nodes.get(id);
      const place = frame?.url ? (frame.url.split('/').at(-1) ?? frame.url) : (frame?.functionName ?? '(unknown)');
      byPlace.set(place, (byPlace.get(place) ?? 0) + (deltas[index] ?? 0));
    });
    const total = [...byPlace.values()].reduce((sum, micros) => sum + micros, 0);
    const idle = byPlace.get('(idle)') ?? 0;
    byPlace.delete('(idle)');
    return {
      idleShare: total === 0 ? 0 : Math.round((idle / total) * 1000) / 1000,
      busiest: [...byPlace]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([place, micros]) => `${place} ${Math.round(micros / 1000)} ms`),
    };
  };
}

/** How many windows the overview's CPU sparkline draws: one point (an M or L of its path) each. */
export async function cpuSparklinePoints(page: Page): Promise<number> {
  const path = await page.locator('[data-testid="metric-card-cpu"] svg path').getAttribute('d');
  return path?.match(/[ML]/g)?.length ?? 0;
}
