import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostsUnderMaintenance, isActiveAt, maintenanceOf, PROTOTYPE_MEMBER_NAMES, unendedWindows, type MaintenanceWindow } from './index';

const T = 1_800_000_000_000;
const window = (host: string | null, start: number, end: number): MaintenanceWindow => ({ host, start, end, note: '', createdBy: 'uid' });

describe('isActiveAt', () => {
  it('is true exactly from the start up to, not including, the end', () => {
    fc.assert(
      fc.property(fc.nat(1e12), fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: -2e9, max: 2e9 }), (start, length, offset) => {
        const t = start + offset;
        expect(isActiveAt({ start, end: start + length }, t)).toBe(t >= start && t < start + length);
      }),
    );
  });

  it('holds at the start and not at the end', () => {
    expect(isActiveAt({ start: T, end: T + 1 }, T)).toBe(true);
    expect(isActiveAt({ start: T, end: T + 1 }, T + 1)).toBe(false);
  });
});

describe('maintenanceOf', () => {
  it("names a window in force that is the host's own or the tenant's, and only such a one", () => {
    const hosts = fc.constantFrom('web-01', 'db-01', 'constructor');
    const windows = fc.dictionary(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
      fc.record({ host: fc.option(hosts, { nil: null }), start: fc.integer({ min: 0, max: 100 }), length: fc.integer({ min: 1, max: 100 }) }),
      { maxKeys: 8 },
    );
    fc.assert(
      fc.property(windows, hosts, fc.integer({ min: 0, max: 200 }), (drawn, host, t) => {
        const stored = Object.fromEntries(Object.entries(drawn).map(([id, w]) => [id, window(w.host, w.start, w.start + w.length)]));
        const id = maintenanceOf(stored, host, t);
        const covering = Object.entries(stored).filter(([, w]) => (w.host === null || w.host === host) && w.start <= t && t < w.end);
        expect(id === null).toBe(covering.length === 0);
        if (id !== null) expect(covering.map(([coveringId]) => coveringId)).toContain(id);
      }),
    );
  });

  it('finds nothing without windows, and never a window inherited through the prototype', () => {
    expect(maintenanceOf(undefined, 'web-01', T)).toBeNull();
    for (const host of PROTOTYPE_MEMBER_NAMES) expect(maintenanceOf({}, host, T)).toBeNull();
  });

  it("covers every host with a tenant-wide window and one host with that host's", () => {
    const stored = { all: window(null, T, T + 10), web: window('web-01', T + 20, T + 30) };
    expect([...hostsUnderMaintenance(stored, ['web-01', 'db-01'], T)]).toEqual([['web-01', 'all'], ['db-01', 'all']]);
    expect([...hostsUnderMaintenance(stored, ['web-01', 'db-01'], T + 25)]).toEqual([['web-01', 'web']]);
    expect(hostsUnderMaintenance(stored, ['web-01'], T + 30).size).toBe(0);
  });
});

describe('unendedWindows', () => {
  it('prunes the windows that ended at or before now and keeps the others', () => {
    const stored = { ended: window('web-01', T - 10, T), active: window(null, T - 10, T + 1), upcoming: window('db-01', T + 5, T + 6) };
    expect(Object.keys(unendedWindows(stored, T)).sort()).toEqual(['active', 'upcoming']);
    expect(unendedWindows(undefined, T)).toEqual({});
  });
});
