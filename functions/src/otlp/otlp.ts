import { onRequest, type Request, type Response } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import { describeIssues, otlpMetricsRequest, type OtlpExportResponse, type OtlpMetricsRequest } from '@pulseboard/contracts';
import { countingWrites, effortSoFar, readsSoFar, writesSoFar } from '../shared/document-writes';
import { DomainError, sendHttpError } from '../shared/errors';
import { authoriseIngestKey, presentedIngestKey } from '../ingest/authorise-key';
import { mediaType, requestBytes } from '../ingest/parse-request';
import { contentBatchId } from '../ingest/content-batch-id';
import { applySamples, refusedItems, type AppliedSamples } from '../ingest/apply-samples';
import { mapMetricsRequest, type MappedRequest } from './map-metrics';
import { decodeMetricsRequest, encodeMetricsResponse } from './otlp-protobuf';

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';
export const OTLP_METRICS_PATH = '/v1/metrics';

/**
 * OTLP/HTTP metrics (`POST <function URL>/v1/metrics`), JSON or protobuf, optionally gzip, with an
 * ingest key as `Authorization: Bearer`: the ingest path after its own decoding. Path, method,
 * type and size come first (no read), then the key (one read), then the decoding, which is the
 * work proportional to the body; the samples then go through the same pipeline as a native batch.
 * The batchId is the body's hash, so an exporter's retry of a request that was applied is answered
 * as before and writes nothing.
 */
export const otlp = onRequest(async (request, response) => {
  try {
    const answer = await countingWrites(() => exportMetrics(request));
    send(response, request, 200, answer);
  } catch (error) {
    sendHttpError(response, error, { function: 'otlp' });
  }
});

function send(response: Response, request: Request, status: number, answer: OtlpExportResponse): void {
  if (mediaType(request) === PROTOBUF_TYPE) response.status(status).type(PROTOBUF_TYPE).send(encodeMetricsResponse(answer));
  else response.status(status).json(answer);
}

async function exportMetrics(request: Request): Promise<OtlpExportResponse> {
  if (request.path !== OTLP_METRICS_PATH) throw new DomainError('not-found', `Only ${OTLP_METRICS_PATH} is served here.`);
  const type = mediaType(request);
  if (type !== JSON_TYPE && type !== PROTOBUF_TYPE) throw new DomainError('unsupported-media-type', `Send ${JSON_TYPE} or ${PROTOBUF_TYPE}.`);
  const bytes = requestBytes(request);
  const key = await presentedIngestKey(request);
  const use = await authoriseIngestKey(key);
  const { tenantId, keyId } = use;
  const mapped = mapMetricsRequest(decoded(type, bytes));
  const batchId = contentBatchId('otlp', bytes);
  const answer = await applySamples(key, use, batchId, mapped);
  logger.info('otlp export ingested', { tenantId, keyId, batchId, points: mapped.points, accepted: answer.applied?.accepted ?? 0, duplicate: answer.applied?.duplicate ?? false, ...writesSoFar(), ...readsSoFar(), ...effortSoFar() });
  return exportResponse(mapped, answer);
}

function decoded(type: string, bytes: Buffer): OtlpMetricsRequest {
  let body: unknown;
  try {
    body = type === PROTOBUF_TYPE ? decodeMetricsRequest(bytes) : JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new DomainError('invalid-argument', `The body is not a valid ExportMetricsServiceRequest (${type}).`);
  }
  const parsed = otlpMetricsRequest.safeParse(body);
  if (!parsed.success) throw new DomainError('invalid-argument', describeIssues(parsed.error));
  return parsed.data;
}

/** OTLP's answer: the data points refused in mapping or in validation, counted once each, with the first reasons. */
function exportResponse(mapped: MappedRequest, answer: AppliedSamples): OtlpExportResponse {
  const refused = refusedItems(mapped, answer);
  if (refused.size === 0) return {};
  const reasons = [...new Set(refused.values())];
  const errorMessage = `${refused.size} of ${mapped.points} data points refused: ${reasons.slice(0, 5).join('; ')}${reasons.length > 5 ? '; ...' : ''}`;
  return { partialSuccess: { rejectedDataPoints: refused.size, errorMessage } };
}
