import { logger } from 'firebase-functions';
import { createIngestKeyRequest, type CreateIngestKeyResponse, type CreateIngestKeyRequest } from '@pulseboard/contracts';
import { signedInCallable, type SignedInCall } from '../shared/callable';
import { db } from '../shared/admin';
import { requireMirroredRole } from '../members/membership';
import { recordAudit } from '../audit/record-audit';
import { createKey, newKey } from './mint-key';

/**
 * An admin of a tenant mints an ingest key. The secret is answered once and never stored:
 * only its SHA-256 (the id of the ingestKeyHashes lookup) and a short prefix are. The caller's
 * member document is read in the transaction that creates both, so a removal committed first wins.
 */
export const createIngestKey = signedInCallable({ name: 'createIngestKey', request: createIngestKeyRequest, action: 'manage ingest keys' }, mintKey);

async function mintKey({ data, callerUid }: SignedInCall<CreateIngestKeyRequest>): Promise<CreateIngestKeyResponse> {
  const { tenantId, label } = data;

  const key = await newKey(db, tenantId, label, callerUid);
  await db.runTransaction(async (tx) => {
    await requireMirroredRole(tx, db, { tenantId, uid: callerUid, needed: 'admin', action: 'manage its ingest keys' });
    createKey(tx, key);
    const newValue = { label: key.meta.label, prefix: key.meta.prefix };
    recordAudit(tx, db, tenantId, { actor: callerUid, action: 'key.create', target: key.ref.id, oldValue: null, newValue });
  });

  logger.info('ingest key created', { tenantId, keyId: key.ref.id, by: callerUid });
  return { keyId: key.ref.id, secret: key.secret };
}
