import { describe, expect, it } from 'vitest';
import { PROTOTYPE_MEMBER_NAMES, emptyRecord, ownValue, recordOf } from './records';

describe('records keyed by chosen names', () => {
  it.each(PROTOTYPE_MEMBER_NAMES)('find nothing under %s in an empty record', (name) => {
    expect(ownValue({}, name)).toBeUndefined();
    expect(ownValue(emptyRecord<number>(), name)).toBeUndefined();
    expect(ownValue(undefined, name)).toBeUndefined();
  });

  it.each(PROTOTYPE_MEMBER_NAMES)('keep and find their own value under %s', (name) => {
    const record = recordOf([[name, 7]]);
    expect(ownValue(record, name)).toBe(7);
    expect(Object.keys(record)).toEqual([name]);
    expect(Object.getPrototypeOf(record)).toBeNull();
  });
});
