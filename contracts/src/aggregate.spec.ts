import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Aggregate } from './metrics';
import { mergeAggregates, mergeMetricMaps, sampleAggregate } from './aggregate';

// Integer values keep `sum` exact, so the laws can be checked with strict equality
// (floating-point addition itself is not associative).
const sample = fc.record({ value: fc.integer({ min: -1e6, max: 1e6 }), ts: fc.integer({ min: 1, max: 1e6 }) });
const samples = fc.array(sample, { minLength: 1, maxLength: 40 });

function aggregateOf(all: readonly { value: number; ts: number }[]): Aggregate | undefined {
  return all.reduce<Aggregate | undefined>((acc, s) => mergeAggregates(acc, sampleAggregate(s.value, s.ts)), undefined);
}
const aggregateArb = samples.map((all) => aggregateOf(all));
// Timestamps from a handful of instants, so that most merges meet a tie on lastTs.
const tiedSamples = fc.array(fc.record({ value: fc.integer({ min: -5, max: 5 }), ts: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 6 });
const tiedAggregateArb = tiedSamples.map((all) => aggregateOf(all));

describe('mergeAggregates', () => {
  it('is associative', () => {
    fc.assert(
      fc.property(aggregateArb, aggregateArb, aggregateArb, (a, b, c) => {
        expect(mergeAggregates(mergeAggregates(a, b), c)).toEqual(mergeAggregates(a, mergeAggregates(b, c)));
      }),
    );
  });

  it('is commutative', () => {
    fc.assert(
      fc.property(aggregateArb, aggregateArb, (a, b) => {
        expect(mergeAggregates(a, b)).toEqual(mergeAggregates(b, a));
      }),
    );
  });

  it('is associative and commutative when lastTs ties, with one tie rule: the larger last', () => {
    fc.assert(
      fc.property(tiedAggregateArb, tiedAggregateArb, tiedAggregateArb, (a, b, c) => {
        expect(mergeAggregates(a, b)).toEqual(mergeAggregates(b, a));
        expect(mergeAggregates(mergeAggregates(a, b), c)).toEqual(mergeAggregates(a, mergeAggregates(b, c)));
      }),
    );
    expect(mergeAggregates(sampleAggregate(3, 7), sampleAggregate(9, 7))?.last).toBe(9);
  });

  it('has undefined as its identity', () => {
    fc.assert(
      fc.property(aggregateArb, (a) => {
        expect(mergeAggregates(a, undefined)).toEqual(a);
        expect(mergeAggregates(undefined, a)).toEqual(a);
      }),
    );
  });

  it('merging the aggregates of any split equals the aggregate of all samples', () => {
    fc.assert(
      fc.property(samples, fc.nat(), (all, cut) => {
        const at = cut % (all.length + 1);
        expect(mergeAggregates(aggregateOf(all.slice(0, at)), aggregateOf(all.slice(at)))).toEqual(aggregateOf(all));
      }),
    );
  });

  it('counts, sums, bounds and keeps the newest sample as last', () => {
    const merged = aggregateOf([
      { value: 5, ts: 30 },
      { value: -2, ts: 10 },
      { value: 9, ts: 20 },
    ]);
    expect(merged).toEqual({ count: 3, sum: 12, min: -2, max: 9, last: 5, lastTs: 30 });
  });
});

describe('mergeMetricMaps', () => {
  it('merges shared metrics and keeps the others', () => {
    const merged = mergeMetricMaps({ cpu: sampleAggregate(10, 1), mem: sampleAggregate(3, 1) }, { cpu: sampleAggregate(20, 2) });
    expect(merged).toEqual({
      cpu: { count: 2, sum: 30, min: 10, max: 20, last: 20, lastTs: 2 },
      mem: sampleAggregate(3, 1),
    });
  });
});
