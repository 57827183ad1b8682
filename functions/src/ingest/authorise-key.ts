import { claimedTenant, hashIngestKey, ingestKeyHashDoc, paths } from '@pulseboard/contracts';
import type { DocumentReference, DocumentSnapshot } from 'firebase-admin/firestore';
import type { Request } from 'firebase-functions/v2/https';
import { db } from '../shared/admin';
import { countReads } from '../shared/document-writes';
import { DomainError } from '../shared/errors';
import type { KeyUse } from '../keys/record-key-use';

/** A well-formed key as a request presents it: the tenant it claims and where its lookup lives. */
export interface PresentedKey {
  tenantId: string;
  lookup: DocumentReference;
}

export interface KeyGrant {
  tenantId: string;
  keyId: string;
}

/** The key in the request's Authorization header; not yet checked against its lookup. */
export async function presentedIngestKey(request: Request): Promise<PresentedKey> {
  const secret = /^Bearer (\S+)$/.exec(request.get('authorization') ?? '')?.[1];
  const tenantId = secret === undefined ? undefined : claimedTenant(secret);
  if (secret === undefined || tenantId === undefined) {
    throw new DomainError('unauthenticated', 'Send Authorization: Bearer <ingest key>.');
  }
  return { tenantId, lookup: db.doc(paths.ingestKeyHash(await hashIngestKey(secret))) };
}

/**
 * The grant a key's lookup gives, read on every request and never cached, so a revoked key is
 * refused from the next request on. A secret whose claimed tenant is not the lookup's is refused
 * like an unknown one: a key of tenant A never opens tenant B, however its secret is edited.
 */
export function grantOf(key: PresentedKey, lookup: DocumentSnapshot | undefined): KeyGrant {
  const grant = ingestKeyHashDoc.safeParse(lookup?.data());
  if (!grant.success || grant.data.revokedAt !== null || grant.data.tenantId !== key.tenantId) {
    throw new DomainError('unauthenticated', 'This ingest key is unknown or revoked.');
  }
  return { tenantId: grant.data.tenantId, keyId: grant.data.keyId };
}

/**
 * The key's lookup in a read of its own: the one document a request costs before its batch is
 * looked at. The lookup comes back with the grant, so the key's use is recorded from it once the
 * batch is taken (recordKeyUse) without another read.
 */
export async function authoriseIngestKey(key: PresentedKey): Promise<KeyUse> {
  const lookup = await key.lookup.get();
  countReads(1);
  return { ...grantOf(key, lookup), lookup };
}
