import { describe, expect, it } from 'vitest';
import { longTasksAroundFirstPaint, type PageCounters } from './ui-probe';

const page = (firstContentfulPaintMs: number | null): PageCounters => ({
  longTasks: [
    { startMs: 100, ms: 90 },
    { startMs: 200, ms: 60 },
    { startMs: 255, ms: 70 },
    { startMs: 900, ms: 55 },
  ],
  firstContentfulPaintMs,
  longFrames: [],
  frames: [],
  renders: [],
});

describe('longTasksAroundFirstPaint', () => {
  it('puts a task that ended by the first contentful paint before it, and one still running then after it', () => {
    expect(longTasksAroundFirstPaint(page(260))).toEqual({ beforePaint: [90, 60], afterPaint: [70, 55] });
  });

  it('counts every long task as after the paint when the page recorded none', () => {
    expect(longTasksAroundFirstPaint(page(null))).toEqual({ beforePaint: [], afterPaint: [90, 60, 70, 55] });
  });
});
