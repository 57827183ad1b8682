import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recentWindows, storedHostDoc, type RecentWindows } from './documents';
import { decodeRecentWindows, encodeRecentWindows, encodedRecentWindows, UnreadableWindows } from './encoded-windows';
import { SAFE_ID_PATTERN } from './ids';
import { PROTOTYPE_MEMBER_NAMES, recordOf } from './records';
import { storageSize } from './storage-size';

const name = fc.oneof(fc.stringMatching(SAFE_ID_PATTERN).filter((id) => id.length <= 64), fc.constantFrom(...PROTOTYPE_MEMBER_NAMES.filter((id) => SAFE_ID_PATTERN.test(id))));
const whole = fc.maxSafeInteger().filter((n) => n >= 0);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const aggregate = fc.record({ count: whole, sum: finite, min: finite, max: finite, last: finite, lastTs: whole });
const hostWindow = fc.record({
  start: whole,
  metrics: fc.uniqueArray(fc.tuple(name, aggregate), { selector: ([metric]) => metric, maxLength: 8 }).map((entries) => recordOf(entries)),
  errorCount: whole,
});
const windows = fc.record({
  '10s': fc.array(hostWindow, { maxLength: 6 }),
  '1m': fc.array(hostWindow, { maxLength: 4 }),
  '1h': fc.array(hostWindow, { maxLength: 2 }),
});

/** What decoding gives or why it refuses: UnreadableWindows only, never another error. */
function decoded(bytes: Uint8Array): RecentWindows | 'refused' {
  try {
    return decodeRecentWindows(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableWindows);
    return 'refused';
  }
}

describe('encoded recent windows', () => {
  it('decode to exactly the windows encoded, -0 and the largest numbers included, names of the prototype too', () => {
    fc.assert(
      fc.property(windows, (recent) => {
        expect(recentWindows.safeParse(recent).success).toBe(true);
        expect(decodeRecentWindows(encodeRecentWindows(recent))).toEqual(recent);
      }),
    );
  });

  it('are never larger than the same windows stored as maps, so the host document size bounds hold', () => {
    fc.assert(
      fc.property(windows, (recent) => {
        expect(encodeRecentWindows(recent).byteLength).toBeLessThanOrEqual(storageSize(recent));
      }),
    );
  });

  it('decode, whatever the bytes, to windows their map contract accepts, or refuse with a reason', () => {
    const damaged = fc.tuple(windows, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat()).map(([recent, flips, cut]) => {
      const bytes = encodeRecentWindows(recent);
      for (const [at, value] of flips) bytes[at % bytes.length] = value;
      return bytes.subarray(0, bytes.length - (cut % 3 === 0 ? cut % bytes.length : 0));
    });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.uint8Array({ maxLength: 200 })), (bytes) => {
        const result = decoded(bytes);
        if (result !== 'refused') expect(recentWindows.parse(result)).toEqual(result);
      }),
    );
  });

  it('refuse what their map contract refuses, naming why', () => {
    const good = { start: 60_000, errorCount: 0, metrics: { cpu: { count: 1, sum: 5, min: 5, max: 5, last: 5, lastTs: 60_001 } } };
    const of = (window: object) => encodeRecentWindows({ '10s': [], '1m': [window as typeof good], '1h': [] });
    const refusal = (bytes: Uint8Array) => () => decodeRecentWindows(bytes);
    expect(refusal(of({ ...good, metrics: { cpu: { ...good.metrics.cpu, sum: Infinity } } }))).toThrow('not finite');
    expect(refusal(of({ ...good, metrics: { cpu: { ...good.metrics.cpu, count: 1.5 } } }))).toThrow('count that is not a whole');
    expect(refusal(of({ ...good, start: -1 }))).toThrow('window start that is not a whole');
    expect(refusal(of({ ...good, metrics: { 'a/b': good.metrics.cpu } }))).toThrow('not a safe id');
    const bytes = of(good);
    expect(refusal(bytes.subarray(0, bytes.length - 1))).toThrow('end early');
    expect(refusal(new Uint8Array([...bytes, 0]))).toThrow('past their end');
    expect(refusal(new Uint8Array([2, ...bytes.subarray(1)]))).toThrow('not of version 1');
  });

  it("are read from the Admin SDK's Buffer and the web SDK's Bytes, and the host document still reads windows stored as maps", () => {
    const recent: RecentWindows = { '10s': [], '1m': [{ start: 60_000, errorCount: 2, metrics: recordOf([['cpu', { count: 1, sum: 5, min: 5, max: 5, last: 5, lastTs: 60_001 }]]) }], '1h': [] };
    const bytes = encodeRecentWindows(recent);
    expect(encodedRecentWindows.parse(Buffer.from(bytes))).toStrictEqual(recent);
    expect(encodedRecentWindows.parse({ toUint8Array: () => bytes })).toStrictEqual(recent);
    const host = { host: 'web-01', lastSeen: 1, metrics: {}, recentErrors: [], appliedBatches: [] };
    expect(storedHostDoc.parse({ ...host, windows: bytes }).windows).toStrictEqual(recent);
    expect(storedHostDoc.parse({ ...host, windows: recent }).windows).toEqual(recent);
    expect(storedHostDoc.safeParse({ ...host, windows: bytes.subarray(1) }).success).toBe(false);
  });
});
