import { median } from './stats';

/** One build's boots: the medians of each boot's longest long task, of their sum and of their count. */
export interface BootSummary {
  readonly boots: number;
  readonly longestLongTaskMs: number;
  readonly longTaskSumMs: number;
  readonly longTasks: number;
}

/** Summarises the long tasks (ms) each boot of one build had; a boot without any counts 0 for each. */
export function summariseBoots(boots: readonly (readonly number[])[]): BootSummary {
  return {
    boots: boots.length,
    longestLongTaskMs: median(boots.map((tasks) => Math.max(0, ...tasks))),
    longTaskSumMs: median(boots.map((tasks) => tasks.reduce((sum, ms) => sum + ms, 0))),
    longTasks: median(boots.map((tasks) => tasks.length)),
  };
}
