import { hostDoc, hostWindow, storedHostDoc, type HostWindow, type RecentWindows, type StoredHostDoc } from '@pulseboard/contracts';
import type { Contract } from '../firebase/contract-converter';

/** What the host page reads of its host document: the host's state and its recent windows (not the exactly-once marker). */
export type HostPageDoc = Omit<StoredHostDoc, 'appliedBatches'>;

const wholeDocument = storedHostDoc.omit({ appliedBatches: true });

/** A window as a snapshot held it, and what validating it gave. */
interface Validated {
  readonly raw: unknown;
  readonly parsed: HostWindow;
}

/** The windows of a snapshot by resolution, then by their start. */
type ValidatedWindows = ReadonlyMap<string, ReadonlyMap<unknown, Validated>>;

/**
 * The host page's contract for its host document, validating the windows incrementally. Each batch
 * changes the newest window or two of each resolution and leaves the others (up to ~105 windows of
 * up to 100 metrics: most of a ~40 KB document) as they were, so a window equal to the one of the
 * same start the previous snapshot held is not validated again: the host's state is parsed whole (a
 * few fields), each new or changed window by `hostWindow`. The first snapshot, and one whose
 * resolutions are not those of the previous, is parsed whole by the document's contract, so what
 * passes and what fails is the contract's (host-page-contract.spec compares the two). One per
 * listener: it keeps its last snapshot's windows.
 */
export function hostPageContract(): Contract<HostPageDoc> {
  let previous: ValidatedWindows | null = null;

  return {
    parse(data: unknown): HostPageDoc {
      const raw = windowsOf(data);
      const before = previous;
      // Forgotten first: a snapshot that fails leaves nothing to compare the next one with.
      previous = null;
      if (before === null || raw === null || !sameKeys(before, raw)) {
        const whole = wholeDocument.parse(data);
        previous = validated(raw ?? new Map(), whole.windows);
        return whole;
      }
      const state = hostDoc.parse(data);
      const windows = Object.fromEntries(
        [...raw].map(([resolution, list]): [string, HostWindow[]] => {
          const kept = before.get(resolution);
          return [resolution, list.map((window) => reused(kept, window) ?? hostWindow.parse(window))];
        }),
      ) as RecentWindows;
      previous = validated(raw, windows);
      return { ...state, windows };
    },
  };
}

/** The parsed window of the same start, when the previous snapshot held it unchanged. */
function reused(kept: ReadonlyMap<unknown, Validated> | undefined, window: unknown): HostWindow | null {
  const match = kept?.get(startOf(window));
  return match !== undefined && sameData(match.raw, window) ? match.parsed : null;
}

/** A document's windows by resolution, when they are a map of arrays; null otherwise (the contract then says why). */
function windowsOf(data: unknown): ReadonlyMap<string, readonly unknown[]> | null {
  const windows = isRecord(data) ? data['windows'] : undefined;
  if (!isRecord(windows)) return null;
  const entries = Object.entries(windows);
  return entries.every((entry): entry is [string, unknown[]] => Array.isArray(entry[1])) ? new Map(entries) : null;
}

function validated(raw: ReadonlyMap<string, readonly unknown[]>, parsed: RecentWindows): ValidatedWindows {
  return new Map(
    Object.entries(parsed).map(([resolution, list]): [string, ReadonlyMap<unknown, Validated>] => {
      const rawList = raw.get(resolution) ?? [];
      return [resolution, new Map(list.map((window, index) => [window.start, { raw: rawList[index], parsed: window }]))];
    }),
  );
}

function sameKeys(before: ValidatedWindows, raw: ReadonlyMap<string, unknown>): boolean {
  return before.size === raw.size && [...raw.keys()].every((key) => before.has(key));
}

function startOf(window: unknown): unknown {
  return isRecord(window) ? window['start'] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Two values of a snapshot's plain data (maps, arrays, numbers, strings, booleans, null) are equal. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameData(item, b[index]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameData(a[key], b[key]));
}
