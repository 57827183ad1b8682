import { storageSize } from '@pulseboard/contracts';

/** A document's size: its name (each path segment, + 16) plus its fields, + 32. */
export function documentSize(path: string, doc: object): number {
  return path.split('/').reduce((total, segment) => total + storageSize(segment), 16) + storageSize(doc) + 32;
}

export const MIB = 1_048_576;

/** A name of the longest length ids allow (64), distinct per `i`. */
export const longName = (prefix: string, i: number) => `${prefix}${i}`.padEnd(64, 'x');

/** The longest document path prefix: a 30-character project and a 64-character tenant. */
export const LONGEST_TENANT_PATH = `projects/${'p'.repeat(30)}/databases/(default)/documents/tenants/${'t'.repeat(64)}`;
