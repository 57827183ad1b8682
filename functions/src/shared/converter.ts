import type { FirestoreDataConverter, DocumentData, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { z } from 'zod';

/**
 * A converter that validates every document read against its contract, so a malformed
 * document fails loudly at the boundary instead of deep inside a function.
 */
export function contractConverter<Schema extends z.ZodType>(
  schema: Schema,
): FirestoreDataConverter<z.output<Schema>, DocumentData> {
  return {
    toFirestore: (value) => value as DocumentData,
    fromFirestore: (snapshot: QueryDocumentSnapshot) => schema.parse(snapshot.data()),
  };
}
