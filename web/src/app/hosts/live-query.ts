import { onSnapshot, type DocumentData, type DocumentReference, type Query } from '@angular/fire/firestore';
import { Observable } from 'rxjs';

/**
 * What the contracts' zod schemas offer for validating a read. Typed structurally so the web app
 * does not depend on the contracts' own copy of zod.
 */
export interface Validator<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** A validated document with its id. */
export type WithId<T> = T & { readonly id: string };

export interface LiveDocs<T> {
  readonly docs: readonly WithId<T>[];
  /** True while the SDK serves its local cache and the listener is not live yet. */
  readonly fromCache: boolean;
}

/**
 * A real-time query whose documents are validated against their contract on read. Only the
 * documents a snapshot changed are parsed again, so a burst over a large fleet stays cheap. A
 * document that fails validation is left out rather than failing the whole view: one bad write
 * must not blank a fleet table.
 */
export function liveQuery<T>(source: Query<DocumentData>, schema: Validator<T>): Observable<LiveDocs<T>> {
  return new Observable((subscriber) => {
    const parsedById = new Map<string, WithId<T> | null>();
    return onSnapshot(
      source,
      { includeMetadataChanges: true },
      (snapshot) => {
        for (const change of snapshot.docChanges({ includeMetadataChanges: true })) {
          if (change.type === 'removed') {
            parsedById.delete(change.doc.id);
            continue;
          }
          const parsed = schema.safeParse(change.doc.data({ serverTimestamps: 'estimate' }));
          parsedById.set(change.doc.id, parsed.success ? { ...parsed.data, id: change.doc.id } : null);
        }
        const docs = snapshot.docs.flatMap((document) => parsedById.get(document.id) ?? []);
        subscriber.next({ docs, fromCache: snapshot.metadata.fromCache });
      },
      (error) => subscriber.error(error),
    );
  });
}

/** A real-time document validated on read; null while it is missing or invalid. */
export function liveDoc<T>(source: DocumentReference<DocumentData>, schema: Validator<T>): Observable<T | null> {
  return new Observable((subscriber) =>
    onSnapshot(
      source,
      (snapshot) => {
        const parsed = schema.safeParse(snapshot.data({ serverTimestamps: 'estimate' }));
        subscriber.next(parsed.success ? parsed.data : null);
      },
      (error) => subscriber.error(error),
    ),
  );
}
