import { gunzipSync } from 'node:zlib';
import type { Request } from 'firebase-functions/v2/https';
import { INGEST_LIMITS, describeIssues, ingestBatch, type IngestBatch } from '@pulseboard/contracts';
import { DomainError } from '../shared/errors';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

function isGzip(bytes: Buffer): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/**
 * The request body as decoded bytes. The Functions runtime's body parser already inflates
 * `Content-Encoding: gzip` before filling rawBody; a runtime that hands over the compressed
 * bytes is handled too, with the inflation capped so a zip bomb cannot exhaust memory.
 */
function decodedBody(request: Request): Buffer {
  const encoding = (request.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new DomainError('unsupported-media-type', `Content-Encoding ${encoding} is not supported; send gzip or nothing.`);
  }
  const raw = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);
  if (encoding === 'gzip' && isGzip(raw)) {
    try {
      return gunzipSync(raw, { maxOutputLength: INGEST_LIMITS.maxDecodedBytes + 1 });
    } catch (error) {
      if (error instanceof RangeError) throw tooLarge();
      throw new DomainError('invalid-argument', 'The body is not valid gzip.');
    }
  }
  return raw;
}

function tooLarge(): DomainError {
  return new DomainError('payload-too-large', `The decoded body is over ${INGEST_LIMITS.maxDecodedBytes} bytes.`);
}

/** The request's media type, lower case, without parameters. */
export function mediaType(request: Request): string | undefined {
  return (request.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
}

/**
 * Method, content encoding and size: the checks every format makes before any read. The media
 * types a format accepts are its own to check, before this.
 */
export function requestBytes(request: Request): Buffer {
  if (request.method !== 'POST') throw new DomainError('method-not-allowed', `${request.method} is not allowed; POST a batch.`);
  const body = decodedBody(request);
  if (body.length > INGEST_LIMITS.maxDecodedBytes) throw tooLarge();
  return body;
}

/**
 * Method, content type, size and JSON: everything decided before any read, and nothing that says
 * how a batch should look (that is for a caller whose key has been checked: ingestEnvelope).
 */
export function parseIngestRequest(request: Request): unknown {
  if (request.method !== 'POST') throw new DomainError('method-not-allowed', `${request.method} is not allowed; POST a batch.`);
  if (mediaType(request) !== 'application/json') {
    throw new DomainError('unsupported-media-type', 'Send the batch as Content-Type: application/json.');
  }
  const body = requestBytes(request);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new DomainError('invalid-argument', 'The body is not valid JSON.');
  }
}

/** The batch's envelope: an events array of at most maxEvents and an optional batchId. */
export function ingestEnvelope(json: unknown): IngestBatch {
  const envelope = ingestBatch.safeParse(json);
  if (!envelope.success) {
    const overLimit = Array.isArray((json as { events?: unknown } | null)?.events) && (json as { events: unknown[] }).events.length > INGEST_LIMITS.maxEvents;
    if (overLimit) throw new DomainError('payload-too-large', `A batch holds at most ${INGEST_LIMITS.maxEvents} events.`);
    throw new DomainError('invalid-argument', describeIssues(envelope.error));
  }
  return envelope.data;
}
