import { describe, expect, it } from 'vitest';
import { progressLine } from './progress';

describe('progressLine', () => {
  it('says elapsed time, totals and the accepted rate since the previous line', () => {
    const previous = { elapsedMs: 10_000, sent: 3_000, accepted: 2_980 };
    const current = { elapsedMs: 15_000, sent: 4_500, accepted: 4_480 };
    expect(progressLine('simulate', 'events', previous, current)).toBe('simulate: 15 s, sent 4,500 events, accepted 4,480, 300/s now');
  });

  it('shows a stall as 0/s now', () => {
    const stalled = { elapsedMs: 20_000, sent: 4_500, accepted: 4_480 };
    expect(progressLine('bench:ingest', 'events', { ...stalled, elapsedMs: 15_000 }, stalled)).toMatch(/, 0\/s now$/);
  });

  it('does not divide by zero on the first line', () => {
    const first = { elapsedMs: 0, sent: 0, accepted: 0 };
    expect(progressLine('bench:ui', 'samples', first, first)).toBe('bench:ui: 0 s, sent 0 samples, accepted 0, 0/s now');
  });
});
