/**
 * Firestore's storage size of a value (cloud.google.com/firestore/docs/storage-size): strings their
 * UTF-8 bytes + 1, bytes their length, numbers 8, booleans and null 1, arrays their elements, maps their keys
 * and values.
 * What bounds a document to its 1 MiB; the size specs and the pages that cut by bytes share it.
 */
export function storageSize(value: unknown): number {
  if (typeof value === 'string') return new TextEncoder().encode(value).length + 1;
  if (typeof value === 'number') return 8;
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return value.reduce((total: number, element) => total + storageSize(element), 0);
  if (typeof value === 'object') return Object.entries(value).reduce((total, [key, field]) => total + storageSize(key) + storageSize(field), 0);
  throw new Error(`no size for ${typeof value}`);
}
