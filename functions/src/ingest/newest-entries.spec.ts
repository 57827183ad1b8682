import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newestEntries } from './newest-entries';

describe('newestEntries', () => {
  it('keeps a small record whole', () => {
    expect(newestEntries({ a: 1, b: 2 }, 2, (t) => t)).toEqual({ a: 1, b: 2 });
  });

  it('keeps the newest, ties going to the smaller name, whatever the order of the record', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 5 })), fc.nat(10), (record, kept) => {
        const newest = newestEntries(record, kept, (t) => t);
        const reversed = newestEntries(Object.fromEntries(Object.entries(record).reverse()), kept, (t) => t);
        expect(Object.keys(newest)).toHaveLength(Math.min(kept, Object.keys(record).length));
        expect(newest).toEqual(reversed);
        const oldestKept = Math.min(...Object.values(newest));
        for (const [name, t] of Object.entries(record)) if (t > oldestKept) expect(newest[name]).toBe(t);
      }),
    );
  });
});
