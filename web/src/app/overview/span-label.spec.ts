import { describe, expect, it } from 'vitest';
import { spanLabel } from './span-label';

describe('spanLabel', () => {
  it('says whole minutes in minutes', () => {
    expect(spanLabel(300_000)).toBe('last 5 min');
  });

  it('says minutes and the seconds left over', () => {
    expect(spanLabel(70_000)).toBe('last 1 min 10 s');
  });

  it('says less than a minute in seconds', () => {
    expect(spanLabel(40_000)).toBe('last 40 s');
  });
});
