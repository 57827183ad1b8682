/** bench:ui's report: the figures of a run, from what was timed and what the probes counted. Pure. */
import type { OpenTimes } from './ui-open';
import type { LongFrame, PageCounters, PageProfile, Render } from './ui-probe';
import { percentile } from './stats';

/** What posting samples one at a time and watching a figure of a page saw. */
export interface SampleTimes {
  /** Per sample shown: from the post to the figure's change. */
  latencies: readonly number[];
  /** Per sample: from the post to ingest's answer (the batch committed). */
  answerLatencies: readonly number[];
  /** Per sample shown: from ingest's answer to the figure's change (negative when the listener was faster than the HTTP answer). */
  afterAnswer: readonly number[];
  /**
   * Per sample shown whose fold's time was read (the overview's: its figure comes from the live
   * summary): from ingest's answer to the time the fold that showed it judged the fleet (the wait
   * for the end of the slot and the task's dispatch; negative when the fold ran before ingest's
   * answer reached the bench), and from then to the figure's change (the rest of the fold, the
   * listener, the render). Empty for a page the fold does not feed.
   */
  untilFold: readonly number[];
  afterFold: readonly number[];
  /** Samples the figure did not show in time. */
  missed: number;
}

/** What one bench:ui run measured. */
export interface UiMeasurements {
  samples: number;
  loadTargetEventsPerSecond: number;
  /** Counted back from the loaded tenant's windows, so it is what the stack took in, not what was sent. */
  loadReachedEventsPerSecond: number;
  /** Timed on the overview's CPU card. */
  overview: SampleTimes;
  /** The same, timed on the measured host's page (its CPU chart's newest figure) after the overview. */
  hostPage: SampleTimes;
  /** Length of the timed run. */
  seconds: number;
  /** Per watched page, the probes' counters at the start and at the end of the timed run. */
  watchedPages: readonly { before: PageCounters; after: PageCounters }[];
  heapBeforeMb: number;
  heapAfterMb: number;
  initialBundleKbGzip: number;
  /** Per loaded page, its main thread's profile. */
  profiles: readonly PageProfile[];
  /** Null without a loaded tenant's pages. */
  sparklinePoints: number | null;
  loadedOverviewCpu: string | null;
  pageErrors: number;
  /** Null without a load. */
  opens: OpenTimes | null;
  /** Whether the load still ran while the opens were timed (false: stopped first, --quiet-opens); null without a load. */
  opensUnderLoad: boolean | null;
}

const round = (value: number) => Math.round(value * 10) / 10;
const openTime = (ms: number | null) => (ms === null ? 'not shown within the wait' : `${ms} ms`);
const longTaskList = (ms: readonly number[] | null) => (ms === null || ms.length === 0 ? '' : `: ${ms.join(', ')} ms`);
/** A page load's long tasks before its first contentful paint, in words. */
const beforePaint = (ms: readonly number[] | null) => `; before its first paint ${ms?.length ?? 0}${longTaskList(ms)}`;

/** Frames per second in each whole second between two frame stamps. */
export function fpsPerSecond(frames: readonly number[]): number[] {
  const first = frames[0];
  if (first === undefined) return [];
  const perSecond = new Map<number, number>();
  for (const time of frames) {
    const second = Math.floor((time - first) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const last = Math.floor(((frames.at(-1) as number) - first) / 1000);
  // The last second is partial.
  return [...perSecond].filter(([second]) => second < last).map(([, count]) => count);
}

/** Per widget: renders per second over the run, and the most renders it had in one animation frame. */
export function renderFigures(renders: readonly Render[], seconds: number): { perSecond: number[]; maxInOneFrame: number } {
  const byWidget = new Map<number, Map<number, number>>();
  for (const { widget, frame } of renders) {
    const frames = byWidget.get(widget) ?? new Map<number, number>();
    frames.set(frame, (frames.get(frame) ?? 0) + 1);
    byWidget.set(widget, frames);
  }
  const perFrame = [...byWidget.values()].flatMap((frames) => [...frames.values()]);
  return {
    perSecond: [...byWidget.values()].map((frames) => [...frames.values()].reduce((sum, count) => sum + count, 0) / seconds),
    maxInOneFrame: Math.max(0, ...perFrame),
  };
}

/**
 * One line per long animation frame of an open: its length, its render's part, and each script
 * in it (what invoked it, the function and where it starts, how long, with the style and layout
 * it forced).
 */
export function longFrameLines(open: string, frames: readonly LongFrame[]): string {
  return frames
    .map((frame) => {
      const scripts = frame.scripts.map(
        (script) =>
          `${script.invoker} ${script.function === '' ? '' : `${script.function} `}${script.source} ${script.ms} ms` +
          (script.forcedLayoutMs > 0 ? ` (forced layout ${script.forcedLayoutMs} ms)` : ''),
      );
      return `${open} open, long frame ${frame.ms} ms (render ${frame.renderMs} ms): ${scripts.length === 0 ? 'no script over 5 ms' : scripts.join('; ')}\n`;
    })
    .join('');
}

/** The run's JSON result, one field per figure docs/BENCHMARKS.md records. */
export function uiResult(run: UiMeasurements) {
  const during = run.watchedPages.map(({ before, after }) => ({
    longTasks: after.longTasks.length - before.longTasks.length,
    fps: fpsPerSecond(after.frames.slice(before.frames.length)),
    renders: renderFigures(after.renders.slice(before.renders.length), run.seconds),
  }));
  const rendersPerSecond = during.flatMap((page) => page.renders.perSecond);
  return {
    samples: run.samples,
    loadTargetEventsPerSecond: run.loadTargetEventsPerSecond,
    loadReachedEventsPerSecond: Math.round(run.loadReachedEventsPerSecond),
    pagesWatched: during.length,
    missed: run.overview.missed,
    ingestToDomP50Ms: percentile(run.overview.latencies, 50),
    ingestToDomP99Ms: percentile(run.overview.latencies, 99),
    ingestToDomMaxMs: percentile(run.overview.latencies, 100),
    ingestAnswerP50Ms: percentile(run.overview.answerLatencies, 50),
    ingestAnswerP99Ms: percentile(run.overview.answerLatencies, 99),
    answerToDomP50Ms: percentile(run.overview.afterAnswer, 50),
    answerToDomP99Ms: percentile(run.overview.afterAnswer, 99),
    answerToFoldP50Ms: percentile(run.overview.untilFold, 50),
    answerToFoldP99Ms: percentile(run.overview.untilFold, 99),
    foldToDomP50Ms: percentile(run.overview.afterFold, 50),
    foldToDomP99Ms: percentile(run.overview.afterFold, 99),
    longTasksOver50ms: during.reduce((sum, page) => sum + page.longTasks, 0),
    fpsMedian: percentile(during.flatMap((page) => page.fps), 50),
    // Per page too: a page whose frames stopped (a throttled tab) pulls the pooled median down.
    fpsMedianPerPage: during.map((page) => percentile(page.fps, 50)),
    rendersPerWidgetPerSecond: round(percentile(rendersPerSecond, 50)),
    rendersPerWidgetPerSecondMax: round(percentile(rendersPerSecond, 100)),
    maxRendersPerWidgetInOneFrame: Math.max(0, ...during.map((page) => page.renders.maxInOneFrame)),
    heapGrowthMb: round(run.heapAfterMb - run.heapBeforeMb),
    initialBundleKbGzip: run.initialBundleKbGzip,
    loadedPagesIdleShare: run.profiles.map((page) => page.idleShare),
    sparklinePoints: run.sparklinePoints,
    widgetsRenderedPerPage: during.map((page) => page.renders.perSecond.length),
    loadedOverviewCpu: run.loadedOverviewCpu,
    pageErrors: run.pageErrors,
    opensUnderLoad: run.opensUnderLoad,
    overviewOpenMs: run.opens?.overviewMs ?? null,
    overviewOpenLongTasks: run.opens?.overviewLongTaskMs.length ?? null,
    hostsTableOpenMs: run.opens?.hostsTableMs ?? null,
    hostsTableOpenLongTasks: run.opens?.hostsTableLongTaskMs.length ?? null,
    hostsTableCount: run.opens?.hostsTableCount ?? null,
    hostsTableInAppMs: run.opens?.hostsTableInAppMs ?? null,
    hostsTableInAppLongTasks: run.opens?.hostsTableInAppLongTaskMs.length ?? null,
    hostsTableInAppLongTaskMs: run.opens?.hostsTableInAppLongTaskMs ?? null,
    overviewOpenLongTaskMs: run.opens?.overviewLongTaskMs ?? null,
    signInPageLongTaskMs: run.opens?.signInPageLongTaskMs ?? null,
    hostsTableOpenLongTaskMs: run.opens?.hostsTableLongTaskMs ?? null,
    hostsTableOpenBeforePaintLongTaskMs: run.opens?.hostsTableBeforePaintLongTaskMs ?? null,
    overviewRepeatOpenMs: run.opens?.overviewRepeatMs ?? null,
    overviewRepeatOpenLongTasks: run.opens?.overviewRepeatLongTaskMs.length ?? null,
    overviewRepeatOpenLongTaskMs: run.opens?.overviewRepeatLongTaskMs ?? null,
    overviewRepeatOpenBeforePaintLongTaskMs: run.opens?.overviewRepeatBeforePaintLongTaskMs ?? null,
    hostsTableRepeatOpenMs: run.opens?.hostsTableRepeatMs ?? null,
    hostsTableRepeatOpenLongTaskMs: run.opens?.hostsTableRepeatLongTaskMs ?? null,
    openProfiles: run.opens?.profiles ?? null,
    openLongFrames: run.opens?.longFrames ?? null,
    hostsTableRenderedRows: run.opens?.hostsTableRenderedRows ?? null,
    hostPageMissed: run.hostPage.missed,
    hostPageToDomP50Ms: percentile(run.hostPage.latencies, 50),
    hostPageToDomP99Ms: percentile(run.hostPage.latencies, 99),
    hostPageToDomMaxMs: percentile(run.hostPage.latencies, 100),
    hostPageAnswerToDomP50Ms: percentile(run.hostPage.afterAnswer, 50),
    hostPageAnswerToDomP99Ms: percentile(run.hostPage.afterAnswer, 99),
  };
}

export type UiResult = ReturnType<typeof uiResult>;

/** What bench:ui prints before its JSON line: the figures in words, then each loaded page's profile. */
export function uiSummary(result: UiResult, profiles: readonly PageProfile[]): string {
  const shown = result.samples - result.missed;
  const widgets = result.widgetsRenderedPerPage.reduce((sum, count) => sum + count, 0);
  return (
    `ingest -> DOM over ${shown}/${result.samples} samples: p50 ${result.ingestToDomP50Ms} ms, p99 ${result.ingestToDomP99Ms} ms, max ${result.ingestToDomMaxMs} ms\n` +
    `of which ingest answered: p50 ${result.ingestAnswerP50Ms} ms, p99 ${result.ingestAnswerP99Ms} ms; answer -> DOM: p50 ${result.answerToDomP50Ms} ms, p99 ${result.answerToDomP99Ms} ms\n` +
    `of which answer -> the fold's time (the slot's end, the dispatch): p50 ${result.answerToFoldP50Ms} ms, p99 ${result.answerToFoldP99Ms} ms; fold's time -> DOM: p50 ${result.foldToDomP50Ms} ms, p99 ${result.foldToDomP99Ms} ms\n` +
    `host page ingest -> DOM over ${result.samples - result.hostPageMissed}/${result.samples} samples: p50 ${result.hostPageToDomP50Ms} ms, p99 ${result.hostPageToDomP99Ms} ms, max ${result.hostPageToDomMaxMs} ms; ` +
    `answer -> DOM: p50 ${result.hostPageAnswerToDomP50Ms} ms, p99 ${result.hostPageAnswerToDomP99Ms} ms\n` +
    `long tasks > 50 ms: ${result.longTasksOver50ms}; fps median ${result.fpsMedian}; heap growth ${result.heapGrowthMb} MB; initial bundle ${result.initialBundleKbGzip} kB gzip\n` +
    `renders per widget per second over ${widgets} widgets in ${result.pagesWatched} page(s): median ${result.rendersPerWidgetPerSecond}, max ${result.rendersPerWidgetPerSecondMax}; most in one frame: ${result.maxRendersPerWidgetInOneFrame}\n` +
    (result.hostsTableCount === null
      ? ''
      : `sign-in page (a first visit's boot, until the click): ${result.signInPageLongTaskMs?.length ?? 0} long tasks${longTaskList(result.signInPageLongTaskMs)}\n` +
        `loaded tenant opened cold${result.opensUnderLoad === false ? ' (its load stopped first)' : ''}: overview from the sign-in click ${openTime(result.overviewOpenMs)} (${result.overviewOpenLongTasks} long tasks${longTaskList(result.overviewOpenLongTaskMs)}), ` +
        `hosts table by its URL ${openTime(result.hostsTableOpenMs)} (${result.hostsTableOpenLongTasks} long tasks${longTaskList(result.hostsTableOpenLongTaskMs)}${beforePaint(result.hostsTableOpenBeforePaintLongTaskMs)}, count "${result.hostsTableCount}", ${result.hostsTableRenderedRows} rows rendered), ` +
        `hosts table from the overview's link ${openTime(result.hostsTableInAppMs)} (${result.hostsTableInAppLongTasks} long tasks${longTaskList(result.hostsTableInAppLongTaskMs)})\n` +
        `overview opened again (a repeat visit: service worker, code cache, persistent cache) ${openTime(result.overviewRepeatOpenMs)} ` +
        `(${result.overviewRepeatOpenLongTasks} long tasks${longTaskList(result.overviewRepeatOpenLongTaskMs)}${beforePaint(result.overviewRepeatOpenBeforePaintLongTaskMs)}), ` +
        `then the hosts table from its link ${openTime(result.hostsTableRepeatOpenMs)} ` +
        `(${result.hostsTableRepeatOpenLongTaskMs?.length ?? 0} long tasks${longTaskList(result.hostsTableRepeatOpenLongTaskMs)})\n`) +
    (result.openLongFrames === null ? '' : Object.entries(result.openLongFrames).map(([open, frames]) => longFrameLines(open, frames)).join('')) +
    (result.openProfiles === null
      ? ''
      : Object.entries(result.openProfiles)
          .map(
            ([open, times]) =>
              `${open} open, most self time: ${times.self.join(', ')}\n${open} open, most total time: ${times.total.join(', ')}\n` +
              times.busy.map((span) => `${open} open, busy ${span.ms} ms at ${span.atMs} ms: in ${span.entries.join(', ')}; self ${span.self.join(', ')}\n`).join(''),
          )
          .join('')) +
    profiles
      .map((page, index) => `loaded page ${index + 1}: main thread idle ${Math.round(page.idleShare * 100)} %; busiest: ${page.busiest.join(', ')}\n`)
      .join('')
  );
}
