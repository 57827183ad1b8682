import { RESOLUTIONS } from '@pulseboard/contracts';
import type { FleetWindow } from './fleet-summary';

/** Windows on each sparkline: the last five minutes. */
export const SPARKLINE_WINDOWS = 30;

const WINDOW_MS = RESOLUTIONS['10s'].ms;

/** Whether a window starting at `start` is within the sparkline's span of the newest window. */
const withinSpanOf = (newest: number) => (start: number) => start > newest - SPARKLINE_WINDOWS * WINDOW_MS;

/** The windows a sparkline draws: the last five minutes up to the newest window. Oldest first. */
export function sparklineWindows(windows: readonly FleetWindow[]): readonly FleetWindow[] {
  const newest = windows.at(-1);
  if (!newest) return windows;
  const inSpan = withinSpanOf(newest.start);
  return windows.filter((window) => inSpan(window.start));
}

/**
 * The closed windows a sparkline draws before the live listener's own: those that left the
 * listener (its limit pushes the oldest out as new windows open) and those read once. Closed
 * windows no longer change, so keeping their last sums costs no listener. Of the candidates, only
 * those older than every live window and within the sparkline's span of the newest window are
 * kept; a start given twice keeps the later candidate. Oldest first.
 */
export function earlierWindows(candidates: readonly FleetWindow[], live: readonly FleetWindow[]): FleetWindow[] {
  const oldestLive = live[0]?.start ?? Number.POSITIVE_INFINITY;
  const newest = Math.max(live.at(-1)?.start ?? Number.NEGATIVE_INFINITY, ...candidates.map((window) => window.start));
  const inSpan = withinSpanOf(newest);
  const byStart = new Map<number, FleetWindow>();
  for (const window of candidates) {
    if (window.start < oldestLive && inSpan(window.start)) byStart.set(window.start, window);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/**
 * The starts of the sparkline's windows older than the oldest of `windows` (in any order), newest
 * first: what a listener that reached its limit does not hold and the store does not keep.
 */
export function missingEarlierStarts(windows: readonly FleetWindow[]): number[] {
  if (windows.length === 0) return [];
  const starts = windows.map((window) => window.start);
  const oldest = Math.min(...starts);
  const newest = Math.max(...starts);
  const missing: number[] = [];
  const inSpan = withinSpanOf(newest);
  for (let start = oldest - WINDOW_MS; inSpan(start); start -= WINDOW_MS) missing.push(start);
  return missing;
}
