import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import { createIngestKeyRequest, describeIssues, type CreateIngestKeyResponse } from '@pulseboard/contracts';
import { CALLABLE_OPTIONS } from '../shared/callable-options';
import { db } from '../shared/admin';
import { DomainError, toHttpsError } from '../shared/errors';
import { requireMirroredRole, signedInCaller } from '../members/membership';
import { recordAudit } from '../audit/record-audit';
import { createKey, newKey } from './mint-key';

/**
 * An admin of a tenant mints an ingest key. The secret is answered once and never stored:
 * only its SHA-256 (the id of the ingestKeyHashes lookup) and a short prefix are. The caller's
 * member document is read in the transaction that creates both, so a removal committed first wins.
 */
export const createIngestKey = onCall(CALLABLE_OPTIONS, async (request): Promise<CreateIngestKeyResponse> => {
  try {
    return await mintKey(request);
  } catch (error) {
    throw toHttpsError(error, { function: 'createIngestKey', caller: request.auth?.uid });
  }
});

async function mintKey(request: CallableRequest<unknown>): Promise<CreateIngestKeyResponse> {
  const parsed = createIngestKeyRequest.safeParse(request.data);
  if (!parsed.success) throw new DomainError('invalid-argument', describeIssues(parsed.error));
  const { tenantId, label } = parsed.data;
  const callerUid = signedInCaller(request, 'manage ingest keys');

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
