import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RESOLUTIONS } from '@pulseboard/contracts';
import { windowsOf } from './windows';

describe('windowsOf', () => {
  it('puts an event in one 10s, one 1m and one 1h window', () => {
    const ts = Date.UTC(2026, 10, 23, 2, 41, 37, 250);
    expect(windowsOf(ts)).toEqual([
      { resolution: '10s', start: Date.UTC(2026, 10, 23, 2, 41, 30), end: Date.UTC(2026, 10, 23, 2, 41, 40), expiresAt: Date.UTC(2026, 10, 23, 4, 41, 40) },
      { resolution: '1m', start: Date.UTC(2026, 10, 23, 2, 41), end: Date.UTC(2026, 10, 23, 2, 42), expiresAt: Date.UTC(2026, 10, 25, 2, 42) },
      { resolution: '1h', start: Date.UTC(2026, 10, 23, 2), end: Date.UTC(2026, 10, 23, 3), expiresAt: Date.UTC(2027, 1, 21, 3) },
    ]);
  });

  it('a window boundary belongs to the window it starts', () => {
    const [tenSeconds] = windowsOf(Date.UTC(2026, 10, 23, 2, 41, 40));
    expect(tenSeconds?.start).toBe(Date.UTC(2026, 10, 23, 2, 41, 40));
  });

  it('every window holds its event, is aligned and has its resolution length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), (ts) => {
        for (const slot of windowsOf(ts)) {
          const { ms } = RESOLUTIONS[slot.resolution];
          expect(slot.start).toBeLessThanOrEqual(ts);
          expect(ts).toBeLessThan(slot.end);
          expect(slot.start % ms).toBe(0);
          expect(slot.end - slot.start).toBe(ms);
        }
      }),
    );
  });
});
