import type { DocumentReference, Firestore, Transaction } from 'firebase-admin/firestore';
import { hashIngestKey, newIngestKeySecret, paths, visibleKeyPrefix, type IngestKeyHashDoc, type KeyDoc } from '@pulseboard/contracts';

/** A key about to be created: its secret (answered once, never stored) and what the transaction writes. */
export interface NewKey {
  readonly secret: string;
  readonly ref: DocumentReference;
  readonly meta: KeyDoc;
  readonly lookup: IngestKeyHashDoc;
  readonly lookupRef: DocumentReference;
}

/**
 * A new key of the tenant: only the SHA-256 of its secret (the id of the ingestKeyHashes lookup)
 * and a short prefix are ever stored. Prepared before the transaction (hashing is async and
 * reads nothing), written in it by createKey.
 */
export async function newKey(db: Firestore, tenantId: string, label: string, createdBy: string): Promise<NewKey> {
  const secret = newIngestKeySecret(tenantId);
  const ref = db.collection(paths.keys(tenantId)).doc();
  const meta: KeyDoc = { label, prefix: visibleKeyPrefix(secret), createdAt: Date.now(), createdBy, revokedAt: null };
  const lookup: IngestKeyHashDoc = { tenantId, keyId: ref.id, revokedAt: null };
  return { secret, ref, meta, lookup, lookupRef: db.doc(paths.ingestKeyHash(await hashIngestKey(secret))) };
}

/** Creates the key's metadata and lookup in the caller's transaction. */
export function createKey(tx: Transaction, key: NewKey): void {
  tx.create(key.ref, key.meta);
  tx.create(key.lookupRef, key.lookup);
}
