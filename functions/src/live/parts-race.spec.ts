import { describe, expect, it } from 'vitest';
import { lostPartsRace } from './parts-race';

describe('lostPartsRace', () => {
  it('is a lost race when the parts changed (FAILED_PRECONDITION) or were created meanwhile (ALREADY_EXISTS)', () => {
    expect(lostPartsRace(Object.assign(new Error('9 FAILED_PRECONDITION'), { code: 9 }))).toBe(true);
    expect(lostPartsRace(Object.assign(new Error('6 ALREADY_EXISTS'), { code: 6 }))).toBe(true);
  });

  it('is not for any other failure, which stays an error', () => {
    expect(lostPartsRace(Object.assign(new Error('10 ABORTED'), { code: 10 }))).toBe(false);
    expect(lostPartsRace(Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }))).toBe(false);
    expect(lostPartsRace(new Error('no code'))).toBe(false);
    expect(lostPartsRace('9')).toBe(false);
    expect(lostPartsRace(null)).toBe(false);
  });
});
