import { median } from './stats';

/** What one boot measured: its long tasks (ms) and when its first contentful paint came (null if none did). */
export interface Boot {
  readonly longTaskMs: readonly number[];
  readonly firstContentfulPaintMs: number | null;
}

/**
 * One build's boots: the medians of each boot's longest long task, of their sum and of their
 * count, and of its first contentful paint: a change that moves work off the long tasks can still
 * keep the page blank for longer (docs/BENCHMARKS.md: the compile hint on every script).
 */
export interface BootSummary {
  readonly boots: number;
  readonly longestLongTaskMs: number;
  readonly longTaskSumMs: number;
  readonly longTasks: number;
  /** Null when no boot painted. */
  readonly firstContentfulPaintMs: number | null;
}

/** Summarises one build's boots; a boot without a long task counts 0 for each long-task figure. */
export function summariseBoots(boots: readonly Boot[]): BootSummary {
  const painted = boots.flatMap((boot) => (boot.firstContentfulPaintMs === null ? [] : [boot.firstContentfulPaintMs]));
  return {
    boots: boots.length,
    longestLongTaskMs: median(boots.map((boot) => Math.max(0, ...boot.longTaskMs))),
    longTaskSumMs: median(boots.map((boot) => boot.longTaskMs.reduce((sum, ms) => sum + ms, 0))),
    longTasks: median(boots.map((boot) => boot.longTaskMs.length)),
    firstContentfulPaintMs: painted.length === 0 ? null : median(painted),
  };
}
