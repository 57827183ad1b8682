import { describe, expect, it } from 'vitest';
import { minuteToRecord } from './record-key-use';

const MINUTE = 60_000;
const at = Date.UTC(2026, 11, 2, 10, 30, 0);

describe('minuteToRecord', () => {
  it('records the minute of a first use', () => {
    expect(minuteToRecord(undefined, at + 12_345)).toBe(at);
  });

  it('records nothing for a use in the minute already stored', () => {
    expect(minuteToRecord(at, at)).toBeNull();
    expect(minuteToRecord(at, at + MINUTE - 1)).toBeNull();
  });

  it('records the next minute once it starts', () => {
    expect(minuteToRecord(at, at + MINUTE)).toBe(at + MINUTE);
  });

  it('records over a stored value that is not a minute it could have written', () => {
    expect(minuteToRecord('yesterday', at)).toBe(at);
    expect(minuteToRecord(at + 1, at)).toBe(at);
  });
});
