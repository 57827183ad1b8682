import { onRequest, type Request } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import { INGEST_LIMITS, collectdBody, describeIssues, type IngestResponse } from '@pulseboard/contracts';
import { countingWrites, effortSoFar, readsSoFar, writesSoFar } from '../shared/document-writes';
import { DomainError, sendHttpError } from '../shared/errors';
import { contentBatchId } from '../ingest/content-batch-id';
import { applySamples, refusedItems } from '../ingest/apply-samples';
import { authoriseIngestKey, presentedIngestKey } from '../ingest/authorise-key';
import { parseIngestRequest } from '../ingest/parse-request';
import { mapValueLists, valueCount } from './map-value-lists';

/**
 * collectd's write_http plugin with `Format "JSON"` (README: "Send data"), an ingest key in a
 * `Header "Authorization: Bearer <key>"` line. In ingest's order: method, type, size and JSON (no
 * read), the key (one read), then the value lists, their mapping and the pipeline. Counters and
 * derives become rates against the series' previous points (stored like OTLP's running totals).
 * The batchId is the body's hash, so a resent body writes nothing again.
 */
export const collectd = onRequest(async (request, response) => {
  try {
    response.status(200).json(await countingWrites(() => ingestValueLists(request)));
  } catch (error) {
    sendHttpError(response, error, { function: 'collectd' });
  }
});

async function ingestValueLists(request: Request): Promise<IngestResponse> {
  const body = parseIngestRequest(request);
  const key = await presentedIngestKey(request);
  const use = await authoriseIngestKey(key);
  const { tenantId, keyId } = use;
  const lists = collectdBody.safeParse(body);
  if (!lists.success) {
    if (Array.isArray(body)) throw new DomainError('payload-too-large', `A body holds at most ${INGEST_LIMITS.maxEvents} value lists.`);
    throw new DomainError('invalid-argument', `The body is not an array of collectd value lists: ${describeIssues(lists.error)}`);
  }
  if (valueCount(lists.data) > INGEST_LIMITS.maxEvents) throw new DomainError('payload-too-large', `A body holds at most ${INGEST_LIMITS.maxEvents} values.`);
  const mapped = mapValueLists(lists.data);
  const batchId = contentBatchId('collectd', Buffer.from(JSON.stringify(body)));
  const answer = await applySamples(key, use, batchId, mapped);
  const rejected = [...refusedItems(mapped, answer)].map(([index, reason]) => ({ index, reason })).sort((a, b) => a.index - b.index);
  const accepted = answer.applied?.accepted ?? 0;
  logger.info('collectd values ingested', { tenantId, keyId, batchId, valueLists: lists.data.length, accepted, rejected: rejected.length, duplicate: answer.applied?.duplicate ?? false, ...writesSoFar(), ...readsSoFar(), ...effortSoFar() });
  return { accepted, rejected, batchId, duplicate: answer.applied?.duplicate ?? false };
}
