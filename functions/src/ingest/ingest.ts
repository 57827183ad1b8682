import { onRequest, type Request } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import type { IngestBatch, IngestResponse } from '@pulseboard/contracts';
import { toHttpError } from '../shared/errors';
import { applyBatch } from './apply-batch';
import { authoriseIngestKey, presentedIngestKey, type PresentedKey } from './authorise-key';
import { previousAnswer } from './batch-marker';
import { ingestEnvelope, parseIngestRequest } from './parse-request';
import { rollUp } from './rollup';
import { validateEvents } from './validate-events';

/**
 * POST a batch of telemetry with an ingest key: parse -> authorise -> act -> log. Valid events
 * are applied in one transaction, invalid ones reported by index; a replayed batchId gets the
 * original answer and writes nothing.
 *
 * Cheapest first, so a request is refused before it costs work proportional to its batch: method,
 * type, size and JSON (no read), then the key (one document read; a fake or revoked key gets a 401
 * that says nothing about its batch), then the envelope's shape, then the batch's marker (a replay gets its original
 * answer, whatever has become of its events since), and only then validation, rollup and the
 * transaction. The transaction reads the key's lookup and the marker again with the documents it
 * writes: a revocation or a concurrent copy of the batch committed since the first reads is seen
 * there, and one committed later waits for the batch's locks.
 */
export const ingest = onRequest(async (request, response) => {
  try {
    const answer = await ingestBatch(request);
    response.status(200).json(answer);
  } catch (error) {
    const { status, body, retryAfterSeconds } = toHttpError(error, { function: 'ingest' });
    if (retryAfterSeconds !== undefined) response.set('Retry-After', String(retryAfterSeconds));
    response.status(status).json(body);
  }
});

async function ingestBatch(request: Request): Promise<IngestResponse> {
  const body = parseIngestRequest(request);
  const key = await presentedIngestKey(request);
  const { tenantId, keyId } = await authoriseIngestKey(key);
  const envelope = ingestEnvelope(body);
  const { batchId } = envelope;
  const applied = (await previousAnswer(tenantId, batchId)) ?? (await validateAndApply(key, envelope));
  logger.info('batch ingested', { tenantId, keyId, batchId, accepted: applied.accepted, rejected: applied.rejected.length, duplicate: applied.duplicate });
  return applied;
}

async function validateAndApply(key: PresentedKey, { batchId, events }: IngestBatch): Promise<IngestResponse> {
  const now = Date.now();
  const { accepted, rejected } = validateEvents(events, now);
  const answer: IngestResponse = { accepted: accepted.length, rejected, batchId, duplicate: false };
  return accepted.length === 0 ? answer : applyBatch({ key, batchId, rollup: rollUp(accepted), answer, now });
}
