/**
 * Where a line's query resumes: the last host it read, in (lastSeen, id) order. Each host is read
 * once as it crosses the line, so a sweep costs what went silent, not how many hosts there are.
 */
export interface SweepCursor {
  lastSeen: number;
  host: string;
}

export type SweepLine = 'stale' | 'expired';

/**
 * What `sweeps/silentHosts` keeps between sweeps: each line's cursor, and the end of the last
 * window of reminders sent, null while no channel of the tenant has a re-notify period (a tenant's
 * first sweep with one then looks back one sweep period, as its very first sweep does).
 */
export interface SweepState {
  stale: SweepCursor | null;
  expired: SweepCursor | null;
  remindedUntil: number | null;
}

function cursorOf(value: unknown): SweepCursor | null {
  if (typeof value !== 'object' || value === null) return null;
  const { lastSeen, host } = value as Partial<Record<keyof SweepCursor, unknown>>;
  return typeof lastSeen === 'number' && typeof host === 'string' ? { lastSeen, host } : null;
}

/** The stored state; a missing or unreadable document (a tenant's first sweep) reads as all null. */
export function sweepStateOf(data: unknown): SweepState {
  const fields = typeof data === 'object' && data !== null ? (data as Partial<Record<keyof SweepState, unknown>>) : {};
  return {
    stale: cursorOf(fields.stale),
    expired: cursorOf(fields.expired),
    remindedUntil: typeof fields.remindedUntil === 'number' ? fields.remindedUntil : null,
  };
}

function sameCursor(a: SweepCursor | null, b: SweepCursor | null): boolean {
  return a === null || b === null ? a === b : a.lastSeen === b.lastSeen && a.host === b.host;
}

/**
 * The state to write after a sweep, or null when it equals the stored one: a minute in which no
 * host crossed a line and no channel re-notifies writes nothing (the document is billed per write).
 */
export function sweepStateToWrite(stored: SweepState, next: SweepState): SweepState | null {
  const unchanged = sameCursor(stored.stale, next.stale) && sameCursor(stored.expired, next.expired) && stored.remindedUntil === next.remindedUntil;
  return unchanged ? null : next;
}
