import { logger } from 'firebase-functions';
import { paths, revokeIngestKeyRequest, type RevokeIngestKeyRequest } from '@pulseboard/contracts';
import { signedInCallable, type SignedInCall } from '../shared/callable';
import { db } from '../shared/admin';
import { DomainError } from '../shared/errors';
import { requireMirroredRole } from '../members/membership';
import { recordAudit } from '../audit/record-audit';

/**
 * An admin of a tenant revokes one of its ingest keys. The hash lookup is found by keyId (the
 * secret is not known any more) and both documents are marked in one transaction, so ingest,
 * which reads the lookup on every request, refuses the key from the next request on.
 */
export const revokeIngestKey = signedInCallable({ name: 'revokeIngestKey', request: revokeIngestKeyRequest, action: 'manage ingest keys' }, revokeKey);

async function revokeKey({ data, callerUid }: SignedInCall<RevokeIngestKeyRequest>): Promise<{ keyId: string; revokedAt: number }> {
  const { tenantId, keyId } = data;

  const keyRef = db.doc(paths.key(tenantId, keyId));
  const lookupQuery = db
    .collection(paths.ingestKeyHashes())
    .where('tenantId', '==', tenantId)
    .where('keyId', '==', keyId)
    .limit(1);
  const revokedAt = await db.runTransaction(async (tx) => {
    await requireMirroredRole(tx, db, { tenantId, uid: callerUid, needed: 'admin', action: 'manage its ingest keys' });
    const [key, lookups] = await Promise.all([tx.get(keyRef), tx.get(lookupQuery)]);
    if (!key.exists) throw new DomainError('not-found', `${tenantId} has no ingest key ${keyId}.`);
    const alreadyRevoked = key.get('revokedAt');
    if (typeof alreadyRevoked === 'number') return alreadyRevoked;
    const now = Date.now();
    tx.update(keyRef, { revokedAt: now });
    for (const lookup of lookups.docs) tx.update(lookup.ref, { revokedAt: now });
    const label: unknown = key.get('label');
    recordAudit(tx, db, tenantId, {
      actor: callerUid,
      action: 'key.revoke',
      target: keyId,
      oldValue: { label: typeof label === 'string' ? label : null, revokedAt: null },
      newValue: { label: typeof label === 'string' ? label : null, revokedAt: now },
    });
    return now;
  });

  logger.info('ingest key revoked', { tenantId, keyId, by: callerUid });
  return { keyId, revokedAt };
}
