import * as z from 'zod';
import type { HostWindow, RecentWindows } from './documents';
import { SAFE_ID_MAX, SAFE_ID_PATTERN } from './ids';
import { RESOLUTIONS, type Aggregate, type Resolution } from './metrics';
import { emptyRecord } from './records';

/**
 * A host's recent windows as its document stores them: ONE bytes value, not maps of maps. Every
 * batch of a host reads and rewrites its document whole, and Firestore and the SDKs encode and
 * decode a document value by value: ~850 values for a collector's host at full size, which made a
 * 50-host batch's transaction cost ~650 ms against ~90 ms for the same data as one value
 * (docs/BENCHMARKS.md, "What a collector's transaction costs as its documents age"). Bytes, not
 * text: a number takes its 8 bytes, as in a map, so the document is never larger than with maps
 * (the metric names are written once, not once per window), and the size bounds hold.
 *
 * Layout (big-endian), version 1:
 *   u8 version | u16 names | names x (u8 length, ASCII) |
 *   per resolution, in RESOLUTIONS order: u16 windows | windows x
 *     (f64 start, f64 errorCount, u16 metrics | metrics x (u16 name index, f64 x 6: AGGREGATE_FIELDS))
 */
const FORMAT_VERSION = 1;
const ORDER = Object.keys(RESOLUTIONS) as Resolution[];
const AGGREGATE_FIELDS = ['count', 'sum', 'min', 'max', 'last', 'lastTs'] as const satisfies readonly (keyof Aggregate)[];
const U16_MAX = 0xffff;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** The windows as one bytes value; throws on what the layout cannot hold (no bounded host document comes near it). */
export function encodeRecentWindows(recent: RecentWindows): Uint8Array {
  const names = new Map<string, number>();
  let windowBytes = 0;
  for (const resolution of ORDER) {
    windowBytes += 2;
    for (const window of recent[resolution]) {
      const metrics = Object.keys(window.metrics);
      windowBytes += 18 + metrics.length * (2 + 8 * AGGREGATE_FIELDS.length);
      for (const name of metrics) if (!names.has(name)) names.set(name, names.size);
    }
  }
  const nameBytes = [...names.keys()].map((name) => textEncoder.encode(name));
  const bytes = new Uint8Array(3 + nameBytes.reduce((total, name) => total + 1 + name.length, 0) + windowBytes);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u16 = (value: number) => {
    if (value > U16_MAX) throw new RangeError(`encoded windows hold at most ${U16_MAX} of each list`);
    view.setUint16(at, value);
    at += 2;
  };
  const f64 = (value: number) => {
    view.setFloat64(at, value);
    at += 8;
  };
  view.setUint8(at++, FORMAT_VERSION);
  u16(nameBytes.length);
  for (const name of nameBytes) {
    if (name.length > SAFE_ID_MAX) throw new RangeError(`encoded windows hold metric names of at most ${SAFE_ID_MAX} bytes`);
    view.setUint8(at++, name.length);
    bytes.set(name, at);
    at += name.length;
  }
  for (const resolution of ORDER) {
    u16(recent[resolution].length);
    for (const window of recent[resolution]) {
      f64(window.start);
      f64(window.errorCount);
      const metrics = Object.entries(window.metrics);
      u16(metrics.length);
      for (const [name, aggregate] of metrics) {
        u16(names.get(name) ?? 0);
        for (const field of AGGREGATE_FIELDS) f64(aggregate[field]);
      }
    }
  }
  return bytes;
}

/** Why bytes are not a host's recent windows. */
export class UnreadableWindows extends Error {}

/**
 * The windows these bytes hold, judged as `recentWindows` judges them (safe-id names, whole
 * non-negative counts and times, finite numbers), so the decoder is the contract: bytes that
 * decode pass it, and anything else (truncated, trailing, another version, a bad value) throws
 * UnreadableWindows. Metrics maps are prototype-free.
 */
export function decodeRecentWindows(bytes: Uint8Array): RecentWindows {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (length: number) => {
    if (at + length > bytes.byteLength) throw new UnreadableWindows('the encoded windows end early');
  };
  const u8 = () => {
    need(1);
    return view.getUint8(at++);
  };
  const u16 = () => {
    need(2);
    const value = view.getUint16(at);
    at += 2;
    return value;
  };
  const f64 = () => {
    need(8);
    const value = view.getFloat64(at);
    at += 8;
    if (!Number.isFinite(value)) throw new UnreadableWindows('the encoded windows hold a number that is not finite');
    return value;
  };
  const whole = (value: number, what: string) => {
    if (!Number.isSafeInteger(value) || value < 0) throw new UnreadableWindows(`the encoded windows hold a ${what} that is not a whole non-negative number`);
    return value;
  };

  if (u8() !== FORMAT_VERSION) throw new UnreadableWindows(`the encoded windows are not of version ${FORMAT_VERSION}`);
  const names: string[] = [];
  for (let count = u16(); names.length < count; ) {
    const length = u8();
    need(length);
    const name = textDecoder.decode(bytes.subarray(at, at + length));
    at += length;
    if (!SAFE_ID_PATTERN.test(name) || name.length > SAFE_ID_MAX) throw new UnreadableWindows('the encoded windows name a metric that is not a safe id');
    names.push(name);
  }
  const recent = {} as Record<Resolution, HostWindow[]>;
  for (const resolution of ORDER) {
    const windows: HostWindow[] = [];
    for (let count = u16(); windows.length < count; ) {
      const start = whole(f64(), 'window start');
      const errorCount = whole(f64(), 'error count');
      const metrics = emptyRecord<Aggregate>();
      for (let metricCount = u16(), read = 0; read < metricCount; read++) {
        const name = names[u16()];
        if (name === undefined) throw new UnreadableWindows('the encoded windows point past their metric names');
        if (Object.hasOwn(metrics, name)) throw new UnreadableWindows('the encoded windows hold a metric twice in one window');
        const [count, sum, min, max, last, lastTs] = AGGREGATE_FIELDS.map(f64) as [number, number, number, number, number, number];
        metrics[name] = { count: whole(count, 'count'), sum, min, max, last, lastTs: whole(lastTs, 'sample time') };
      }
      windows.push({ start, metrics, errorCount });
    }
    recent[resolution] = windows;
  }
  if (at !== bytes.byteLength) throw new UnreadableWindows('the encoded windows have bytes past their end');
  return recent;
}

/** Bytes as either SDK reads them: a Uint8Array (the Admin SDK's Buffer) or the web SDK's Bytes. */
interface BytesLike {
  toUint8Array(): Uint8Array;
}
function isBytesLike(value: unknown): value is BytesLike {
  return typeof value === 'object' && value !== null && typeof (value as BytesLike).toUint8Array === 'function';
}

/** A host's recent windows stored as one bytes value (encodeRecentWindows), read from either SDK. */
export const encodedRecentWindows = z.preprocess(
  (value) => (isBytesLike(value) ? value.toUint8Array() : value),
  z.instanceof(Uint8Array).transform((bytes, context): RecentWindows => {
    try {
      return decodeRecentWindows(bytes);
    } catch (error) {
      if (!(error instanceof UnreadableWindows)) throw error;
      context.issues.push({ code: 'custom', message: error.message, input: bytes });
      return z.NEVER;
    }
  }),
);
