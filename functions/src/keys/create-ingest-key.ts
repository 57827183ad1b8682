import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import {
  createIngestKeyRequest,
  describeIssues,
  hashIngestKey,
  newIngestKeySecret,
  paths,
  visibleKeyPrefix,
  type CreateIngestKeyResponse,
  type IngestKeyHashDoc,
  type KeyDoc,
} from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { DomainError, toHttpsError } from '../shared/errors';
import { requireTenantAdmin } from './require-tenant-admin';

/**
 * An admin of a tenant mints an ingest key. The secret is answered once and never stored:
 * only its SHA-256 (the id of the ingestKeyHashes lookup) and a short prefix are.
 */
export const createIngestKey = onCall(async (request): Promise<CreateIngestKeyResponse> => {
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
  const callerUid = requireTenantAdmin(request, tenantId);

  const secret = newIngestKeySecret(tenantId);
  const keyRef = db.collection(paths.keys(tenantId)).doc();
  const meta: KeyDoc = {
    label,
    prefix: visibleKeyPrefix(secret),
    createdAt: Date.now(),
    createdBy: callerUid,
    revokedAt: null,
  };
  const lookup: IngestKeyHashDoc = { tenantId, keyId: keyRef.id, revokedAt: null };
  const batch = db.batch();
  batch.create(keyRef, meta);
  batch.create(db.doc(paths.ingestKeyHash(await hashIngestKey(secret))), lookup);
  await batch.commit();

  logger.info('ingest key created', { tenantId, keyId: keyRef.id, by: callerUid });
  return { keyId: keyRef.id, secret };
}
