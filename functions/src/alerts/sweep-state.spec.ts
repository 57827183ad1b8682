import { describe, expect, it } from 'vitest';
import { sweepStateOf, sweepStateToWrite, type SweepState } from './sweep-state';

const stored: SweepState = { stale: { lastSeen: 1_000, host: 'web-01' }, expired: null, remindedUntil: null };

describe('sweepStateToWrite', () => {
  it('writes nothing when no cursor moved and no channel re-notifies', () => {
    expect(sweepStateToWrite(stored, { stale: { lastSeen: 1_000, host: 'web-01' }, expired: null, remindedUntil: null })).toBeNull();
  });

  it("writes nothing on a tenant's first quiet sweep (no document reads as all null)", () => {
    const empty = sweepStateOf(undefined);
    expect(sweepStateToWrite(empty, { stale: null, expired: null, remindedUntil: null })).toBeNull();
  });

  it('writes the new state when a cursor moved, by its host or its time', () => {
    const byHost: SweepState = { ...stored, stale: { lastSeen: 1_000, host: 'web-02' } };
    const byTime: SweepState = { ...stored, stale: { lastSeen: 2_000, host: 'web-01' } };
    const firstExpiry: SweepState = { ...stored, expired: { lastSeen: 500, host: 'db-01' } };
    expect(sweepStateToWrite(stored, byHost)).toEqual(byHost);
    expect(sweepStateToWrite(stored, byTime)).toEqual(byTime);
    expect(sweepStateToWrite(stored, firstExpiry)).toEqual(firstExpiry);
  });

  it('writes every sweep while a channel re-notifies (the reminders window moves), and once more when none does', () => {
    const reminding: SweepState = { ...stored, remindedUntil: 60_000 };
    expect(sweepStateToWrite(stored, reminding)).toEqual(reminding);
    expect(sweepStateToWrite(reminding, { ...stored, remindedUntil: 120_000 })).toEqual({ ...stored, remindedUntil: 120_000 });
    expect(sweepStateToWrite(reminding, stored)).toEqual(stored);
  });
});

describe('sweepStateOf', () => {
  it('reads the stored cursors and reminders window, and anything unreadable as null', () => {
    expect(sweepStateOf({ stale: { lastSeen: 5, host: 'a' }, expired: { lastSeen: 'x', host: 'b' }, remindedUntil: 7 })).toEqual({
      stale: { lastSeen: 5, host: 'a' },
      expired: null,
      remindedUntil: 7,
    });
    expect(sweepStateOf({ stale: 'nope', remindedUntil: null })).toEqual({ stale: null, expired: null, remindedUntil: null });
  });
});
