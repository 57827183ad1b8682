import { describe, expect, it } from 'vitest';
import type { PageCounters } from './ui-probe';
import { percentile } from './stats';
import { fpsPerSecond, longFrameLines, renderFigures, uiResult, uiSummary, type UiMeasurements } from './ui-report';

/** Frame stamps every `everyMs` from `fromMs` up to but not including `toMs`. */
const frames = (fromMs: number, toMs: number, everyMs: number) => Array.from({ length: Math.ceil((toMs - fromMs) / everyMs) }, (_, i) => fromMs + i * everyMs);

const idlePage: PageCounters = { longTasks: [], firstContentfulPaintMs: 100, longFrames: [], frames: [], renders: [] };

const run = (overrides: Partial<UiMeasurements> = {}): UiMeasurements => ({
  samples: 4,
  loadTargetEventsPerSecond: 0,
  loadReachedEventsPerSecond: 0,
  overview: { latencies: [120, 80, 100], answerLatencies: [60, 50, 70, 40], afterAnswer: [60, 30, 30], untilFold: [700, 300], afterFold: [150, 250], missed: 1 },
  hostPage: { latencies: [40, 60], answerLatencies: [30, 30, 30], afterAnswer: [10, 30], untilFold: [], afterFold: [], missed: 1 },
  seconds: 2,
  watchedPages: [{ before: idlePage, after: idlePage }],
  heapBeforeMb: 10.04,
  heapAfterMb: 12.32,
  initialBundleKbGzip: 250.5,
  profiles: [],
  sparklinePoints: null,
  loadedOverviewCpu: null,
  pageErrors: 0,
  opens: null,
  opensUnderLoad: null,
  ...overrides,
});

describe('fpsPerSecond', () => {
  it('counts the frames of each whole second and leaves the last, partial one out', () => {
    expect(fpsPerSecond([...frames(0, 1_000, 20), ...frames(1_000, 2_000, 40), 2_100])).toEqual([50, 25]);
  });

  it('is empty without frames', () => {
    expect(fpsPerSecond([])).toEqual([]);
  });
});

describe('renderFigures', () => {
  it('gives each widget its renders per second and the most renders one widget had in one frame', () => {
    const renders = [
      { widget: 0, frame: 1 },
      { widget: 0, frame: 1 },
      { widget: 0, frame: 2 },
      { widget: 1, frame: 2 },
    ];
    expect(renderFigures(renders, 2)).toEqual({ perSecond: [1.5, 0.5], maxInOneFrame: 2 });
  });
});

describe('uiResult', () => {
  it('takes the latency percentiles over the samples shown and keeps the misses apart', () => {
    expect(uiResult(run())).toMatchObject({
      samples: 4,
      missed: 1,
      ingestToDomP50Ms: 100,
      ingestToDomP99Ms: 120,
      ingestToDomMaxMs: 120,
      ingestAnswerP50Ms: 50,
      ingestAnswerP99Ms: 70,
      answerToDomP50Ms: 30,
      answerToDomP99Ms: 60,
      answerToFoldP50Ms: 300,
      answerToFoldP99Ms: 700,
      foldToDomP50Ms: 150,
      foldToDomP99Ms: 250,
      heapGrowthMb: 2.3,
      initialBundleKbGzip: 250.5,
    });
  });

  it('counts only what the probes saw during the timed run, page by page', () => {
    const before: PageCounters = {
      longTasks: [60, 70, 80].map((ms, index) => ({ startMs: index * 1_000, ms })),
      firstContentfulPaintMs: 500,
      longFrames: [],
      frames: frames(0, 5_000, 100),
      renders: [{ widget: 0, frame: 1 }],
    };
    const after: PageCounters = {
      ...before,
      longTasks: [...before.longTasks, { startMs: 5_200, ms: 90 }, { startMs: 6_000, ms: 100 }],
      longFrames: [],
      frames: [...before.frames, ...frames(5_000, 7_100, 50)],
      renders: [...before.renders, { widget: 0, frame: 60 }, { widget: 0, frame: 60 }, { widget: 1, frame: 61 }],
    };
    const result = uiResult(run({ watchedPages: [{ before, after }, { before: idlePage, after: { ...idlePage, longTasks: [{ startMs: 900, ms: 55 }] } }] }));
    expect(result).toMatchObject({
      pagesWatched: 2,
      longTasksOver50ms: 3,
      fpsMedian: 20,
      fpsMedianPerPage: [20, Number.NaN],
      widgetsRenderedPerPage: [2, 0],
      rendersPerWidgetPerSecond: 0.5,
      rendersPerWidgetPerSecondMax: 1,
      maxRendersPerWidgetInOneFrame: 2,
    });
  });

  it('keeps the JSON field order docs/BENCHMARKS.md records', () => {
    expect(Object.keys(uiResult(run()))).toEqual([
      'samples',
      'loadTargetEventsPerSecond',
      'loadReachedEventsPerSecond',
      'pagesWatched',
      'missed',
      'ingestToDomP50Ms',
      'ingestToDomP99Ms',
      'ingestToDomMaxMs',
      'ingestAnswerP50Ms',
      'ingestAnswerP99Ms',
      'answerToDomP50Ms',
      'answerToDomP99Ms',
      'answerToFoldP50Ms',
      'answerToFoldP99Ms',
      'foldToDomP50Ms',
      'foldToDomP99Ms',
      'longTasksOver50ms',
      'fpsMedian',
      'fpsMedianPerPage',
      'rendersPerWidgetPerSecond',
      'rendersPerWidgetPerSecondMax',
      'maxRendersPerWidgetInOneFrame',
      'heapGrowthMb',
      'initialBundleKbGzip',
      'loadedPagesIdleShare',
      'sparklinePoints',
      'widgetsRenderedPerPage',
      'loadedOverviewCpu',
      'pageErrors',
      'opensUnderLoad',
      'overviewOpenMs',
      'overviewOpenLongTasks',
      'hostsTableOpenMs',
      'hostsTableOpenLongTasks',
      'hostsTableCount',
      'hostsTableInAppMs',
      'hostsTableInAppLongTasks',
      'hostsTableInAppLongTaskMs',
      'overviewOpenLongTaskMs',
      'signInPageLongTaskMs',
      'hostsTableOpenLongTaskMs',
      'hostsTableOpenBeforePaintLongTaskMs',
      'overviewRepeatOpenMs',
      'overviewRepeatOpenLongTasks',
      'overviewRepeatOpenLongTaskMs',
      'overviewRepeatOpenBeforePaintLongTaskMs',
      'hostsTableRepeatOpenMs',
      'hostsTableRepeatOpenLongTaskMs',
      'openProfiles',
      'openLongFrames',
      'hostsTableRenderedRows',
      'hostPageMissed',
      'hostPageToDomP50Ms',
      'hostPageToDomP99Ms',
      'hostPageToDomMaxMs',
      'hostPageAnswerToDomP50Ms',
      'hostPageAnswerToDomP99Ms',
    ]);
  });
});

describe('longFrameLines', () => {
  it('says what ran in each long frame of an open, and the layout a script forced', () => {
    const frames = [
      {
        ms: 89,
        renderMs: 65,
        scripts: [
          { invoker: 'TimerHandler:setTimeout', source: 'chunk-A.js:24752', function: 'validateSlice', ms: 21, forcedLayoutMs: 0 },
          { invoker: 'FrameRequestCallback', source: 'chunk-B.js:76256', function: '', ms: 57, forcedLayoutMs: 3 },
        ],
      },
      { ms: 54, renderMs: 40, scripts: [] },
    ];
    expect(longFrameLines('hostsTableInApp', frames)).toBe(
      'hostsTableInApp open, long frame 89 ms (render 65 ms): TimerHandler:setTimeout validateSlice chunk-A.js:24752 21 ms; ' +
        'FrameRequestCallback chunk-B.js:76256 57 ms (forced layout 3 ms)\n' +
        'hostsTableInApp open, long frame 54 ms (render 40 ms): no script over 5 ms\n',
    );
    expect(longFrameLines('overview', [])).toBe('');
  });
});

describe('uiSummary', () => {
  it('says how many samples were shown and how many widgets rendered, then each loaded page profile', () => {
    const profiles = [{ idleShare: 0.875, busiest: ['main.js 120 ms', 'GC 30 ms'] }];
    const summary = uiSummary(uiResult(run({ profiles })), profiles);
    expect(summary).toContain('ingest -> DOM over 3/4 samples: p50 100 ms, p99 120 ms, max 120 ms\n');
    expect(summary).toContain(`host page ingest -> DOM over 3/4 samples: p50 ${percentile([40, 60], 50)} ms, p99 60 ms, max 60 ms; answer -> DOM:`);
    expect(summary).toContain('over 0 widgets in 1 page(s)');
    expect(summary.endsWith('loaded page 1: main thread idle 88 %; busiest: main.js 120 ms, GC 30 ms\n')).toBe(true);
  });

  it('says how long the loaded tenant took to open, and says so when a page never got there', () => {
    const opens = {
      overviewMs: 850,
      overviewLongTaskMs: [],
      signInPageLongTaskMs: [117, 80],
      hostsTableMs: null,
      hostsTableLongTaskMs: [120, 60, 51],
      hostsTableBeforePaintLongTaskMs: [99],
      hostsTableInAppMs: 640,
      hostsTableInAppLongTaskMs: [70],
      overviewRepeatMs: 420,
      overviewRepeatLongTaskMs: [],
      overviewRepeatBeforePaintLongTaskMs: [],
      hostsTableRepeatMs: 510,
      hostsTableRepeatLongTaskMs: [64],
      hostsTableCount: '1200 / 1200',
      hostsTableRenderedRows: 25,
      longFrames: { overview: [], hostsTable: [], overviewRepeat: [], hostsTableRepeat: [], hostsTableInApp: [] },
      profiles: null,
    };
    const summary = uiSummary(uiResult(run({ opens, opensUnderLoad: true })), []);
    expect(summary).toContain(
      "sign-in page (a first visit's boot, until the click): 2 long tasks: 117, 80 ms\n" +
        'loaded tenant opened cold: overview from the sign-in click 850 ms (0 long tasks), hosts table by its URL not shown within the wait ' +
        '(3 long tasks: 120, 60, 51 ms; before its first paint 1: 99 ms, count "1200 / 1200", 25 rows rendered), ' +
        "hosts table from the overview's link 640 ms (1 long tasks: 70 ms)\n" +
        'overview opened again (a repeat visit: service worker, code cache, persistent cache) 420 ms (0 long tasks; before its first paint 0), ' +
        'then the hosts table from its link 510 ms (1 long tasks: 64 ms)\n',
    );
    expect(summary).not.toContain('open, most');
    expect(uiSummary(uiResult(run()), [])).not.toContain('opened cold');
    expect(uiSummary(uiResult(run({ opens, opensUnderLoad: false })), [])).toContain('loaded tenant opened cold (its load stopped first): overview from the sign-in click 850 ms (0 long tasks)');
  });

  it("lists each profiled open's busiest functions", () => {
    const times = {
      self: ['parse main.js:1 90 ms'],
      total: ['hostsOfPages main.js:2 200 ms'],
      busy: [{ atMs: 120, ms: 75, entries: ['(anonymous) chunk.js:1:1 70 ms'], self: ['parse main.js:1 40 ms'] }],
    };
    const opens = {
      overviewMs: 850,
      overviewLongTaskMs: [],
      signInPageLongTaskMs: [],
      hostsTableMs: 900,
      hostsTableLongTaskMs: [],
      hostsTableBeforePaintLongTaskMs: [],
      hostsTableInAppMs: 700,
      hostsTableInAppLongTaskMs: [],
      overviewRepeatMs: 300,
      overviewRepeatLongTaskMs: [55],
      overviewRepeatBeforePaintLongTaskMs: [],
      hostsTableRepeatMs: null,
      hostsTableRepeatLongTaskMs: [],
      hostsTableCount: '2 / 2',
      hostsTableRenderedRows: 2,
      longFrames: { overview: [], hostsTable: [], overviewRepeat: [], hostsTableRepeat: [], hostsTableInApp: [] },
      profiles: { overview: times, hostsTable: times, overviewRepeat: times, hostsTableRepeat: times, hostsTableInApp: times },
    };
    const summary = uiSummary(uiResult(run({ opens })), []);
    expect(summary).toContain('overview open, most self time: parse main.js:1 90 ms\noverview open, most total time: hostsOfPages main.js:2 200 ms\n');
    expect(summary).toContain('hostsTable open, most self time: parse main.js:1 90 ms\n');
    expect(summary).toContain('overviewRepeat open, most self time: parse main.js:1 90 ms\n');
    expect(summary).toContain('hostsTableRepeat open, most self time: parse main.js:1 90 ms\n');
    expect(summary).toContain('hostsTableInApp open, most self time: parse main.js:1 90 ms\n');
    expect(summary).toContain('overview open, busy 75 ms at 120 ms: in (anonymous) chunk.js:1:1 70 ms; self parse main.js:1 40 ms\n');
  });
});
