import type { DocumentData, FirestoreDataConverter, QueryDocumentSnapshot, SnapshotOptions } from 'firebase/firestore';

/**
 * What a contract's zod schema offers for reading a document. Structural, so the web app does
 * not depend on the contracts workspace's own copy of zod.
 */
export interface Contract<T> {
  parse(data: unknown): T;
}

/**
 * Reads a document through its contract, so a malformed document fails at the boundary
 * instead of deep inside a widget. The browser only reads these collections: writes go
 * through commands.
 */
export function contractConverter<T>(contract: Contract<T>): FirestoreDataConverter<T, DocumentData> {
  return {
    toFirestore: () => {
      throw new Error('read-only converter: the browser never writes this collection');
    },
    fromFirestore: (snapshot: QueryDocumentSnapshot, options?: SnapshotOptions) =>
      contract.parse(snapshot.data(options)),
  };
}
