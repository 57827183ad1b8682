import { recordOf } from '@pulseboard/contracts';

/**
 * The `kept` entries of a record with the newest times, as a prototype-free record; ties go to the
 * smaller name so the choice is the same whatever the order. The record itself when it is small enough.
 */
export function newestEntries<T>(record: Readonly<Record<string, T>>, kept: number, timeOf: (value: T) => number): Record<string, T> {
  const entries = Object.entries(record);
  if (entries.length <= kept) return recordOf(entries);
  return recordOf(entries.sort(newestFirst(timeOf)).slice(0, kept));
}

/** Orders named entries newest first, ties to the smaller name, so a cut keeps the same ones whatever the order. */
export function newestFirst<T>(timeOf: (value: T) => number): (a: readonly [string, T], b: readonly [string, T]) => number {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return ([a, x], [b, y]) => timeOf(y) - timeOf(x) || byName(a, b);
}
