import { onRequest, type Request } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import type { IngestResponse } from '@pulseboard/contracts';
import { toHttpError } from '../shared/errors';
import { applyBatch } from './apply-batch';
import { authoriseIngestKey, presentedIngestKey } from './authorise-key';
import { parseIngestRequest } from './parse-request';
import { rollUp } from './rollup';
import { validateEvents } from './validate-events';

/**
 * POST a batch of telemetry with an ingest key: parse -> authorise -> act -> log. Valid events
 * are applied in one transaction, invalid ones reported by index; a replayed batchId gets the
 * original answer and writes nothing.
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
  const envelope = parseIngestRequest(request);
  const key = await presentedIngestKey(request);

  const now = Date.now();
  const { accepted, rejected } = validateEvents(envelope.events, now);
  const answer: IngestResponse = { accepted: accepted.length, rejected, batchId: envelope.batchId, duplicate: false };
  // With events to apply, the key's lookup is read inside the batch's transaction, with the
  // documents it writes: one round trip, and a revocation either commits first and is seen, or
  // waits for the batch.
  const { applied, grant } =
    accepted.length === 0
      ? { applied: answer, grant: await authoriseIngestKey(key) }
      : await applyBatch({ key, batchId: envelope.batchId, events: accepted, rollup: rollUp(accepted), answer, now });

  const { tenantId, keyId } = grant;
  logger.info('batch ingested', { tenantId, keyId, batchId: envelope.batchId, accepted: applied.accepted, rejected: rejected.length, duplicate: applied.duplicate });
  return applied;
}
