/**
 * Records keyed by names that agents and operators choose (hosts, metrics). A name such as
 * `constructor` or `toString` is a valid metric, so a plain `record[name]` would find the
 * built-in through the prototype chain: these look names up, and build records, without it.
 */

/** The record's own value under `key`, never one inherited from Object.prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** An empty record with no prototype: no name, `__proto__` included, reaches a built-in through it. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A prototype-free record of these entries. */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = emptyRecord<T>();
  for (const [key, value] of entries) record[key] = value;
  return record;
}

/**
 * Every name a lookup through Object.prototype would find: what the property tests give as host
 * and metric names. Those that are safe ids (`constructor`, `toString`, ...) are valid names.
 */
export const PROTOTYPE_MEMBER_NAMES: readonly string[] = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];
