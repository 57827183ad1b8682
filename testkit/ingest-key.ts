import {
  claimedTenant,
  createIngestKeyResponse,
  hashIngestKey,
  ingestKeyHashDoc,
  newIngestKeySecret,
  paths,
  visibleKeyPrefix,
  type CreateIngestKeyRequest,
  type IngestKeyHashDoc,
  type KeyDoc,
} from '@pulseboard/contracts';
import { httpsCallable } from 'firebase/functions';
import { adminDb } from './admin';
import type { WebClient } from './web-client';

/** Mints an ingest key through the real createIngestKey callable, as an admin in the UI would. */
export async function mintIngestKey(admin: WebClient, tenantId: string, label: string): Promise<string> {
  const createIngestKey = httpsCallable<CreateIngestKeyRequest, unknown>(admin.functions, 'createIngestKey');
  const { data } = await createIngestKey({ tenantId, label });
  // The secret is answered once and never stored server-side.
  return createIngestKeyResponse.parse(data).secret;
}

/** True while the key still opens ingest for the tenant: known by its hash and not revoked. */
export async function isLiveKey(secret: string, tenantId: string): Promise<boolean> {
  if (claimedTenant(secret) !== tenantId) return false;
  const snapshot = await adminDb.doc(paths.ingestKeyHash(await hashIngestKey(secret))).get();
  const lookup = ingestKeyHashDoc.safeParse(snapshot.data());
  return lookup.success && lookup.data.tenantId === tenantId && lookup.data.revokedAt === null;
}

/**
 * Writes a key's documents straight through the Admin SDK, in the shapes the contracts give
 * (keys/{keyId} metadata, ingestKeyHashes/{sha256} lookup). For tests that need a key without
 * depending on the callable.
 */
export async function writeIngestKey(tenantId: string, createdBy: string): Promise<string> {
  const secret = newIngestKeySecret(tenantId);
  const keyRef = adminDb.collection(paths.keys(tenantId)).doc();
  const meta: KeyDoc = { label: 'written by a test', prefix: visibleKeyPrefix(secret), createdAt: Date.now(), createdBy, revokedAt: null };
  const lookup: IngestKeyHashDoc = { tenantId, keyId: keyRef.id, revokedAt: null };
  const batch = adminDb.batch();
  batch.set(keyRef, meta);
  batch.set(adminDb.doc(paths.ingestKeyHash(await hashIngestKey(secret))), lookup);
  await batch.commit();
  return secret;
}
