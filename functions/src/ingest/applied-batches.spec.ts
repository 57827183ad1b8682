import { describe, expect, it } from 'vitest';
import { APPLIED_BATCHES_KEPT, appliedAtOf, rememberBatch } from './applied-batches';

const applied = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `b${i}`, appliedAt: i }));

describe('rememberBatch', () => {
  it('keeps the newest APPLIED_BATCHES_KEPT batches, by count however old', () => {
    const kept = rememberBatch(applied(APPLIED_BATCHES_KEPT), 'fresh', 1);
    expect(kept).toHaveLength(APPLIED_BATCHES_KEPT);
    expect(kept.at(-1)).toEqual({ id: 'fresh', appliedAt: 1 });
    expect(kept.map((batch) => batch.id)).not.toContain('b0');
    expect(kept.map((batch) => batch.id)).toContain('b1');
  });

  it('remembers a batch once, and nothing for a batch without an id', () => {
    expect(rememberBatch(applied(2), 'b0', 9)).toEqual([
      { id: 'b1', appliedAt: 1 },
      { id: 'b0', appliedAt: 9 },
    ]);
    expect(rememberBatch(applied(2), undefined, 9)).toEqual(applied(2));
  });
});

describe('appliedAtOf', () => {
  it('finds a batch in any host that remembers it, and no batch without an id', () => {
    const hosts = [{}, { appliedBatches: [] }, { appliedBatches: applied(3) }];
    expect(appliedAtOf(hosts, 'b2')).toBe(2);
    expect(appliedAtOf(hosts, 'b9')).toBeUndefined();
    expect(appliedAtOf(hosts, undefined)).toBeUndefined();
  });
});
