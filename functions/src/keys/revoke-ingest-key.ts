import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import { describeIssues, paths, revokeIngestKeyRequest } from '@pulseboard/contracts';
import { CALLABLE_OPTIONS } from '../shared/callable-options';
import { db } from '../shared/admin';
import { DomainError, toHttpsError } from '../shared/errors';
import { requireMirroredRole, signedInCaller } from '../members/membership';
import { recordAudit } from '../audit/record-audit';

/**
 * An admin of a tenant revokes one of its ingest keys. The hash lookup is found by keyId (the
 * secret is not known any more) and both documents are marked in one transaction, so ingest,
 * which reads the lookup on every request, refuses the key from the next request on.
 */
export const revokeIngestKey = onCall(CALLABLE_OPTIONS, async (request): Promise<{ keyId: string; revokedAt: number }> => {
  try {
    return await revokeKey(request);
  } catch (error) {
    throw toHttpsError(error, { function: 'revokeIngestKey', caller: request.auth?.uid });
  }
});

async function revokeKey(request: CallableRequest<unknown>): Promise<{ keyId: string; revokedAt: number }> {
  const parsed = revokeIngestKeyRequest.safeParse(request.data);
  if (!parsed.success) throw new DomainError('invalid-argument', describeIssues(parsed.error));
  const { tenantId, keyId } = parsed.data;
  const callerUid = signedInCaller(request, 'manage ingest keys');

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
