import { describe, expect, it } from 'vitest';
import { newestSummary, type LiveOverviewDoc } from './live-overview';

const summary = (foldedAt: number, hostCount: number): LiveOverviewDoc => ({
  foldedAt,
  windows: [],
  reporting: {},
  health: { ok: 0, warning: 0, critical: 0, stale: 0, silenced: 0 },
  hostCount,
  topByCpu: [],
  topByErrors: [],
});

describe('newestSummary', () => {
  it('takes the summary the fold judged last, whichever of the two it is', () => {
    expect(newestSummary([summary(2_000, 1), summary(2_500, 2)])?.hostCount).toBe(2);
    expect(newestSummary([summary(3_000, 3), summary(2_500, 2)])?.hostCount).toBe(3);
  });

  it('takes the one written when the other is not yet, and null when neither is', () => {
    expect(newestSummary([null, summary(2_500, 2)])?.hostCount).toBe(2);
    expect(newestSummary([summary(2_000, 1), null])?.hostCount).toBe(1);
    expect(newestSummary([null, null])).toBeNull();
  });
});
