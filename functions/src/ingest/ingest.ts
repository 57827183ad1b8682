import { onRequest, type Request } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import type { IngestResponse } from '@pulseboard/contracts';
import { countingWrites, effortSoFar, readsSoFar, writesSoFar } from '../shared/document-writes';
import { sendHttpError } from '../shared/errors';
import { applyEvents } from './apply-events';
import { authoriseIngestKey, presentedIngestKey } from './authorise-key';
import { ingestEnvelope, parseIngestRequest } from './parse-request';
import { admitEvents } from '../quota/admit-events';
import { recordKeyUse } from '../keys/record-key-use';

/**
 * POST a batch of telemetry with an ingest key: parse -> authorise -> act -> log. Valid events
 * are applied in one transaction, invalid ones reported by index; a replayed batchId gets the
 * original answer and writes nothing.
 *
 * Cheapest first, so a request is refused before it costs work proportional to its batch: method,
 * type, size and JSON (no read), then the key (one document read; a fake or revoked key gets a 401
 * that says nothing about its batch), then the envelope's shape, the key's quota (429 past its
 * events a minute), validation, rollup and the transaction. The transaction reads the key's lookup again with the batch's marker and the
 * documents it writes: a revocation committed since the first read is seen there, one committed
 * later waits for the batch's locks, and a replay gets its original answer.
 */
export const ingest = onRequest(async (request, response) => {
  try {
    const answer = await countingWrites(() => ingestBatch(request));
    response.status(200).json(answer);
  } catch (error) {
    sendHttpError(response, error, { function: 'ingest' });
  }
});

async function ingestBatch(request: Request): Promise<IngestResponse> {
  const body = parseIngestRequest(request);
  const key = await presentedIngestKey(request);
  const use = await authoriseIngestKey(key);
  const { tenantId, keyId } = use;
  const envelope = ingestEnvelope(body);
  await admitEvents(use, envelope.events.length);
  const { batchId } = envelope;
  const applied = await applyEvents(key, envelope);
  await recordKeyUse(use);
  logger.info('batch ingested', { tenantId, keyId, batchId, accepted: applied.accepted, rejected: applied.rejected.length, duplicate: applied.duplicate, ...writesSoFar(), ...readsSoFar(), ...effortSoFar() });
  return applied;
}
