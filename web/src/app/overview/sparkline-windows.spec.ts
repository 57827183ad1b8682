import { describe, expect, it } from 'vitest';
import type { FleetWindow } from './fleet-summary';
import { earlierWindows, missingEarlierStarts, sparklineWindows } from './sparkline-windows';

const T0 = 1_795_400_000_000;
const SECOND = 1_000;

function windowAt(ageInWindows: number, cpu = 10): FleetWindow {
  const start = T0 - ageInWindows * 10 * SECOND;
  return { start, end: start + 10 * SECOND, errors: 0, metrics: { cpu: { count: 1, sum: cpu, min: cpu, max: cpu, last: cpu, lastTs: start } } };
}

const starts = (windows: readonly FleetWindow[]) => windows.map((window) => (T0 - window.start) / (10 * SECOND));

describe('earlierWindows', () => {
  it('keeps the candidates older than every live window, oldest first', () => {
    const live = [windowAt(1), windowAt(0)];
    expect(starts(earlierWindows([windowAt(2), windowAt(1), windowAt(4), windowAt(0)], live))).toEqual([4, 2]);
  });

  it('drops the candidates older than the sparkline’s five minutes before the newest window', () => {
    expect(starts(earlierWindows([windowAt(29), windowAt(30), windowAt(31)], [windowAt(0)]))).toEqual([29]);
  });

  it('keeps the later of two candidates for one window', () => {
    const [kept] = earlierWindows([windowAt(3, 10), windowAt(3, 20)], [windowAt(0)]);
    expect(kept?.metrics['cpu']?.sum).toBe(20);
  });

  it('keeps the newest candidates when no window is live', () => {
    expect(starts(earlierWindows([windowAt(40), windowAt(12), windowAt(10)], []))).toEqual([12, 10]);
  });
});

describe('missingEarlierStarts', () => {
  it('names every window from just before the oldest back to the span’s start, newest first', () => {
    const missing = missingEarlierStarts([windowAt(2), windowAt(1), windowAt(0)]);
    expect(missing).toHaveLength(27);
    expect(missing[0]).toBe(windowAt(3).start);
    expect(missing.at(-1)).toBe(windowAt(29).start);
  });

  it('takes the windows in any order', () => {
    expect(missingEarlierStarts([windowAt(0), windowAt(27)])).toEqual([windowAt(28).start, windowAt(29).start]);
  });

  it('names nothing when the windows already span five minutes, or when there are none', () => {
    expect(missingEarlierStarts([windowAt(29), windowAt(0)])).toEqual([]);
    expect(missingEarlierStarts([])).toEqual([]);
  });
});

describe('sparklineWindows', () => {
  it('keeps the five minutes up to the newest window, gaps included', () => {
    expect(starts(sparklineWindows([windowAt(31), windowAt(29), windowAt(5), windowAt(0)]))).toEqual([29, 5, 0]);
  });
});
