import { describe, expect, it } from 'vitest';
import { formatLastSeen } from './last-seen';

const now = Date.parse('2026-12-02T08:00:00Z');
const ago = (seconds: number) => formatLastSeen(now - seconds * 1_000, now);

describe('formatLastSeen', () => {
  it('says now for under a second, and never a time in the future', () => {
    expect([ago(0), ago(0.9), ago(-5)]).toEqual(['now', 'now', 'now']);
  });

  it('counts whole seconds, then minutes, hours and days', () => {
    expect([ago(42), ago(59.9), ago(60), ago(3 * 60 + 59), ago(2 * 3_600), ago(86_400), ago(3 * 86_400)]).toEqual([
      '42s ago',
      '59s ago',
      '1m ago',
      '3m ago',
      '2h ago',
      'yesterday',
      '3d ago',
    ]);
  });
});
