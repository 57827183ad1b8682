import { INGEST_KEY_PATTERN, hashIngestKey, ingestKeyHashDoc, paths } from '@pulseboard/contracts';
import type { Request } from 'firebase-functions/v2/https';
import { db } from '../shared/admin';
import { DomainError } from '../shared/errors';

export interface KeyGrant {
  tenantId: string;
  keyId: string;
}

/**
 * The tenant an ingest key writes to. The lookup is read on every request, never cached, so a
 * revoked key is refused from the next request on.
 */
export async function authoriseIngestKey(request: Request): Promise<KeyGrant> {
  const secret = /^Bearer (\S+)$/.exec(request.get('authorization') ?? '')?.[1];
  if (secret === undefined || !INGEST_KEY_PATTERN.test(secret)) {
    throw new DomainError('unauthenticated', 'Send Authorization: Bearer <ingest key>.');
  }
  const lookup = await db.doc(paths.ingestKeyHash(await hashIngestKey(secret))).get();
  const grant = ingestKeyHashDoc.safeParse(lookup.data());
  if (!grant.success || grant.data.revokedAt !== null) {
    throw new DomainError('unauthenticated', 'This ingest key is unknown or revoked.');
  }
  return { tenantId: grant.data.tenantId, keyId: grant.data.keyId };
}
