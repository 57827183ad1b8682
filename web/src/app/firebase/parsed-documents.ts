import type { SnapshotOptions } from 'firebase/firestore';

/** A validated document with its id. */
export type Identified<T> = T & { readonly id: string };

/** A validated document, and whether the SDK still holds a local write of it (queued offline, say). */
export type Written<T> = Identified<T> & { readonly hasPendingWrites: boolean };

/** What the incremental parse reads of a query snapshot; structural, so it is testable without Firestore. */
export interface SnapshotDocument<T> {
  readonly id: string;
  data(options: SnapshotOptions): T;
}

export interface QuerySnapshotLike<T> {
  readonly docs: readonly SnapshotDocument<T>[];
  docChanges(options: { includeMetadataChanges: boolean }): readonly { readonly type: 'added' | 'modified' | 'removed'; readonly doc: SnapshotDocument<T> }[];
}

const READ_OPTIONS: SnapshotOptions = { serverTimestamps: 'estimate' };

/**
 * The parsed documents of one live query, kept across its snapshots: each snapshot parses (through
 * the contract converter) only the documents it changed, so a fleet of hundreds of hosts costs one
 * parse per changed host, not one per host per snapshot. An invalid document is reported and left
 * out, so one bad write cannot blank a view.
 */
export class ParsedDocuments<T> {
  private readonly byId = new Map<string, Identified<T> | null>();

  constructor(private readonly reportInvalid: (error: unknown) => void) {}

  /** Every valid document of the snapshot, in the snapshot's order. */
  apply(snapshot: QuerySnapshotLike<T>): Identified<T>[] {
    // Metadata changes count: a committed write turns an estimated server timestamp into the real one.
    for (const { type, doc } of snapshot.docChanges({ includeMetadataChanges: true })) {
      if (type === 'removed') this.byId.delete(doc.id);
      else this.byId.set(doc.id, parseDocument(doc, this.reportInvalid));
    }
    return snapshot.docs.flatMap((doc) => {
      const parsed = this.byId.get(doc.id);
      return parsed ? [parsed] : [];
    });
  }
}

/** One document read through its contract; an invalid one is reported and gives null. */
export function parseDocument<T>(doc: SnapshotDocument<T>, reportInvalid: (error: unknown) => void): Identified<T> | null {
  try {
    return { ...doc.data(READ_OPTIONS), id: doc.id };
  } catch (error) {
    reportInvalid(error);
    return null;
  }
}

/** What markPendingWrites reads of a snapshot's documents. */
export interface SnapshotWrites {
  readonly docs: readonly { readonly id: string; readonly metadata: { readonly hasPendingWrites: boolean } }[];
}

/**
 * Marks each parsed document with whether the snapshot says the SDK still holds a local write of
 * it. That flag survives a reload (the SDK keeps queued writes in IndexedDB), so it is how the app
 * finds out what the device has queued.
 */
export function markPendingWrites<T>(parsed: readonly Identified<T>[], snapshot: SnapshotWrites): Written<T>[] {
  const pendingIds = new Set(snapshot.docs.filter((doc) => doc.metadata.hasPendingWrites).map((doc) => doc.id));
  return parsed.map((document) => ({ ...document, hasPendingWrites: pendingIds.has(document.id) }));
}
