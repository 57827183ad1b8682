/**
 * A key's events in the current minute as one instance sees them: the minute's total across
 * instances as last read from the shard counters, plus what this instance admitted since (not
 * yet added to its shard). Pure: the caller reads and writes the shards (quota-store.ts).
 */
export interface KeyUsage {
  /** The minute counted, as epoch minutes. */
  minute: number;
  /** The minute's events across every instance's shard when they were last read (this instance's flushed ones included). */
  counted: number;
  /** Events this instance admitted since it last added to its shard. */
  unflushed: number;
  /** When the shards were last read (epoch ms); undefined: never this minute. */
  readAt: number | undefined;
  /** When this instance last added to its shard (epoch ms); undefined: never this minute. */
  flushedAt: number | undefined;
}

export type QuotaDecision = { admitted: true; usage: KeyUsage } | { admitted: false; usage: KeyUsage; retryAfterSeconds: number; used: number };

export const MINUTE_MS = 60_000;

export function minuteOf(now: number): number {
  return Math.floor(now / MINUTE_MS);
}

/** The usage to decide on at `now`: a new minute starts from nothing. */
export function currentUsage(usage: KeyUsage | undefined, now: number): KeyUsage {
  const minute = minuteOf(now);
  return usage !== undefined && usage.minute === minute ? usage : { minute, counted: 0, unflushed: 0, readAt: undefined, flushedAt: undefined };
}

/** Whether the instance should read the minute's total before deciding: first in the minute, then at most once per interval. */
export function readDue(usage: KeyUsage, now: number, intervalMs: number): boolean {
  return usage.readAt === undefined || now - usage.readAt >= intervalMs;
}

/**
 * Whether the instance should add what it admitted to its shard: at once the first time in the
 * minute (so the other instances see it from their first read), then at most once per interval.
 */
export function flushDue(usage: KeyUsage, now: number, intervalMs: number): boolean {
  return usage.unflushed > 0 && (usage.flushedAt === undefined || now - usage.flushedAt >= intervalMs);
}

/** After a read of the minute's shards: their total, never less than the instance already knew. */
export function afterRead(usage: KeyUsage, total: number, now: number): KeyUsage {
  return { ...usage, counted: Math.max(usage.counted, total), readAt: now };
}

/** After `flushed` of the unflushed events were added to the shard: events admitted meanwhile stay unflushed. */
export function afterFlush(usage: KeyUsage, flushed: number, now: number): KeyUsage {
  return { ...usage, counted: usage.counted + flushed, unflushed: Math.max(0, usage.unflushed - flushed), flushedAt: now };
}

/**
 * Admits a request of `events` if the minute's events, with it, stay within `limit`; else refuses
 * it until the minute ends (Retry-After, at least one second). A refused request counts nothing.
 */
export function admit(usage: KeyUsage, events: number, limit: number, now: number): QuotaDecision {
  const used = usage.counted + usage.unflushed;
  if (used + events <= limit) return { admitted: true, usage: { ...usage, unflushed: usage.unflushed + events } };
  const retryAfterSeconds = Math.max(1, Math.ceil(((usage.minute + 1) * MINUTE_MS - now) / 1000));
  return { admitted: false, usage, retryAfterSeconds, used };
}
