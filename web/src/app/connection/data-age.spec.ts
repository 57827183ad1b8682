import { describe, expect, it } from 'vitest';
import { describeDataAge } from './data-age';

const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const NOW = 1_800_000_000_000;

describe('describeDataAge', () => {
  it('says how many minutes old the data is, rounded down', () => {
    expect(describeDataAge(NOW - 5 * 60_000 - 59_000, NOW, format)).toBe('5 minutes ago');
  });

  it('uses the largest unit the age reaches', () => {
    expect(describeDataAge(NOW - 42_000, NOW, format)).toBe('42 seconds ago');
    expect(describeDataAge(NOW - 3 * 3_600_000, NOW, format)).toBe('3 hours ago');
    expect(describeDataAge(NOW - 86_400_000, NOW, format)).toBe('yesterday');
  });

  it('says now for data live this second, or a clock that runs behind', () => {
    expect(describeDataAge(NOW - 400, NOW, format)).toBe('now');
    expect(describeDataAge(NOW + 5_000, NOW, format)).toBe('now');
  });
});
