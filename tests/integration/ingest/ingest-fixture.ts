import { gzipSync } from 'node:zlib';
import { paths, type TenantDoc } from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { functionUrl } from '../../../testkit/emulators';
import { createTenant, uniqueTenantId } from '../../../testkit/tenant-fixture';
import { writeIngestKey } from '../../../testkit/ingest-key';

export const INGEST_URL = functionUrl('ingest');

export interface IngestTenant {
  tenantId: string;
  key: string;
}

/** A fresh tenant with a live ingest key. */
export async function ingestTenant(overrides: Partial<TenantDoc> = {}): Promise<IngestTenant> {
  const tenantId = uniqueTenantId('ingest');
  await createTenant(tenantId, overrides);
  return { tenantId, key: await writeIngestKey(tenantId, 'integration-test') };
}

export interface PostOptions {
  /** Another function than ingest that takes JSON with an ingest key (collectd). */
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  gzip?: boolean;
}

export interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: unknown;
}

/** POSTs a batch to ingest, or a body to `options.url` (an object is sent as JSON, a string or bytes as they are). */
export async function postBatch(key: string | null, payload: unknown, options: PostOptions = {}): Promise<Answer> {
  const text = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
  const bytes = options.gzip === true ? gzipSync(text) : text;
  const body = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    ...(options.gzip === true ? { 'content-encoding': 'gzip' } : {}),
    ...options.headers,
  };
  const method = options.method ?? 'POST';
  const response = await fetch(options.url ?? INGEST_URL, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
  const contentType = response.headers.get('content-type') ?? '';
  const raw = await response.text();
  return { status: response.status, contentType, retryAfter: response.headers.get('retry-after'), body: contentType.includes('json') ? JSON.parse(raw) : raw };
}

/** Every document ingest could have written for the tenant (keys and members are not ingest's). */
export async function ingestWrites(tenantId: string): Promise<string[]> {
  const collections = [paths.hosts, paths.windowChunks, paths.fleetShards, paths.fleetLeaves, paths.fleetChunks, paths.alerts].map((path) => path(tenantId));
  const snapshots = await Promise.all(collections.map((path) => adminDb.collection(path).get()));
  return snapshots.flatMap((snapshot) => snapshot.docs.map((doc) => doc.ref.path));
}

export function metric(host: string, name: string, value: number, ts = Date.now()) {
  return { type: 'metric', host, metric: name, value, ts } as const;
}

/** How many times postUntilStored sends a batch again after a 503. */
const CONTENTION_RESENDS = 3;

/**
 * Posts a batch as an agent does: a 503 (the emulator closing a transaction that waited past its
 * lock timeout under concurrent batches: functions/src/shared/errors.ts) wrote nothing, and is sent
 * again with the same batch id after its Retry-After, at most CONTENTION_RESENDS times.
 */
export async function postUntilStored(key: string, batch: unknown): Promise<Answer> {
  let answer = await postBatch(key, batch);
  for (let resend = 0; answer.status === 503 && resend < CONTENTION_RESENDS; resend++) {
    await new Promise((resolve) => setTimeout(resolve, Number(answer.retryAfter ?? 1) * 1_000));
    answer = await postBatch(key, batch);
  }
  return answer;
}
