import { describe, expect, it } from 'vitest';
import { admit, afterFlush, afterRead, currentUsage, flushDue, minuteOf, readDue, MINUTE_MS } from './key-quota';

const minuteStart = 29_923_333 * MINUTE_MS;
const now = minuteStart + 15_000;
const fresh = currentUsage(undefined, now);

describe('key quota', () => {
  it('admits events up to the limit and counts them as unflushed', () => {
    const first = admit(fresh, 60, 100, now);
    expect(first).toEqual({ admitted: true, usage: { ...fresh, unflushed: 60 } });
    const second = admit(first.usage, 40, 100, now);
    expect(second.admitted).toBe(true);
    expect(second.usage.unflushed).toBe(100);
  });

  it('refuses a request past the limit until the minute ends, counting nothing', () => {
    const usage = { ...fresh, counted: 70, unflushed: 20 };
    expect(admit(usage, 11, 100, now)).toEqual({ admitted: false, usage, retryAfterSeconds: 45, used: 90 });
  });

  it('refuses a single request larger than the limit', () => {
    expect(admit(fresh, 101, 100, now).admitted).toBe(false);
  });

  it('asks for at least one second in the minute\'s last moments', () => {
    const late = currentUsage(undefined, minuteStart + MINUTE_MS - 10);
    const decision = admit({ ...late, counted: 100 }, 1, 100, minuteStart + MINUTE_MS - 10);
    expect(decision).toMatchObject({ admitted: false, retryAfterSeconds: 1 });
  });

  it('starts a new minute from nothing', () => {
    const full = { ...fresh, counted: 100, readAt: now, flushedAt: now };
    const next = currentUsage(full, minuteStart + MINUTE_MS);
    expect(next).toEqual({ minute: minuteOf(minuteStart + MINUTE_MS), counted: 0, unflushed: 0, readAt: undefined, flushedAt: undefined });
    expect(admit(next, 100, 100, minuteStart + MINUTE_MS).admitted).toBe(true);
  });

  it('reads first in a minute, then at most once per interval', () => {
    expect(readDue(fresh, now, 5_000)).toBe(true);
    const read = afterRead(fresh, 30, now);
    expect(read.counted).toBe(30);
    expect(readDue(read, now + 4_999, 5_000)).toBe(false);
    expect(readDue(read, now + 5_000, 5_000)).toBe(true);
  });

  it('flushes the first admitted events of a minute at once, then at most once per interval, and only when there are some', () => {
    expect(flushDue(fresh, now, 5_000)).toBe(false);
    const admitted = { ...fresh, unflushed: 8 };
    expect(flushDue(admitted, now, 5_000)).toBe(true);
    const flushed = afterFlush(admitted, 8, now);
    expect(flushed).toMatchObject({ counted: 8, unflushed: 0, flushedAt: now });
    expect(flushDue({ ...flushed, unflushed: 3 }, now + 4_999, 5_000)).toBe(false);
    expect(flushDue({ ...flushed, unflushed: 3 }, now + 5_000, 5_000)).toBe(true);
  });

  it('keeps events admitted during a flush unflushed', () => {
    // 50 were being added to the shard when 10 more were admitted.
    expect(afterFlush({ ...fresh, counted: 100, unflushed: 60 }, 50, now)).toMatchObject({ counted: 150, unflushed: 10 });
  });

  it('never lowers the count on a read that lags its own flush', () => {
    expect(afterRead({ ...fresh, counted: 80 }, 70, now).counted).toBe(80);
  });
});
