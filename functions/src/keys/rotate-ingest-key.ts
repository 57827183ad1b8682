import { logger } from 'firebase-functions';
import { keyDoc, paths, rotateIngestKeyRequest, type CreateIngestKeyResponse, type RotateIngestKeyRequest } from '@pulseboard/contracts';
import { signedInCallable, type SignedInCall } from '../shared/callable';
import { db } from '../shared/admin';
import { DomainError } from '../shared/errors';
import { requireMirroredRole } from '../members/membership';
import { recordAudit } from '../audit/record-audit';
import { createKey, newKey } from './mint-key';

/**
 * An admin of a tenant rotates a live ingest key: its successor is minted with the same label (the
 * secret answered once, as createIngestKey's) and the old key keeps opening ingest until an admin
 * revokes it, so agents move over without a gap. The old key is marked `replacedBy` and the act is
 * one `key.rotate` audit entry, all in one transaction that reads the caller's member document.
 */
export const rotateIngestKey = signedInCallable({ name: 'rotateIngestKey', request: rotateIngestKeyRequest, action: 'manage ingest keys' }, rotateKey);

async function rotateKey({ data, callerUid }: SignedInCall<RotateIngestKeyRequest>): Promise<CreateIngestKeyResponse> {
  const { tenantId, keyId } = data;

  const oldRef = db.doc(paths.key(tenantId, keyId));
  const successor = await db.runTransaction(async (tx) => {
    await requireMirroredRole(tx, db, { tenantId, uid: callerUid, needed: 'admin', action: 'manage its ingest keys' });
    const stored = keyDoc.safeParse((await tx.get(oldRef)).data());
    if (!stored.success) throw new DomainError('not-found', `${tenantId} has no ingest key ${keyId}.`);
    const old = stored.data;
    if (old.revokedAt !== null) throw new DomainError('failed-precondition', `The key "${old.label}" is revoked: create a new key instead.`);
    if (old.replacedBy !== undefined) {
      throw new DomainError('failed-precondition', `The key "${old.label}" was rotated already: rotate its successor, or revoke it.`);
    }
    const key = await newKey(db, tenantId, old.label, callerUid);
    createKey(tx, key);
    tx.update(oldRef, { replacedBy: key.ref.id });
    recordAudit(tx, db, tenantId, {
      actor: callerUid,
      action: 'key.rotate',
      target: keyId,
      oldValue: { keyId, label: old.label, prefix: old.prefix },
      newValue: { keyId: key.ref.id, label: key.meta.label, prefix: key.meta.prefix },
    });
    return key;
  });

  logger.info('ingest key rotated', { tenantId, keyId, successor: successor.ref.id, by: callerUid });
  return { keyId: successor.ref.id, secret: successor.secret };
}
