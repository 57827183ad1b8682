import { setTimeout as wait } from 'node:timers/promises';
import { errorResponse, ingestResponse, type IngestBatch, type IngestResponse } from '@pulseboard/contracts';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After honoured: a server asking for more is taken as asking for this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 4_000, maxRetryAfterMs: 60_000 };

/** The ceiling of the wait before retry number `attempt` (1-based): exponential, capped. */
export function backoffCeiling(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * The wait before retry number `attempt`: a random share of the backoff ceiling ("full jitter"),
 * so agents refused together do not come back together; never shorter than the server's
 * Retry-After when it sent one.
 */
export function retryDelay(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const jittered = Math.floor(random() * backoffCeiling(attempt, policy));
  return retryAfterMs === undefined ? jittered : Math.max(Math.min(retryAfterMs, policy.maxRetryAfterMs), jittered);
}

/** RFC 9110's IMF-fixdate, e.g. `Wed, 02 Dec 2026 08:00:05 GMT`: Date.parse alone would read "-1" as a year. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A Retry-After header (delay in seconds, or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  const value = header?.trim() ?? '';
  if (/^\d{1,9}$/.test(value)) return Number(value) * 1000;
  return HTTP_DATE.test(value) ? Math.max(0, Date.parse(value) - now) : undefined;
}

/** Ingest refused the batch (a 4xx other than 429): retrying the same request cannot help. */
export class IngestRejected extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`ingest answered ${status}: ${message}`);
    this.name = 'IngestRejected';
  }
}

export interface PostOptions {
  url: string;
  key: string;
  batch: IngestBatch;
  policy?: RetryPolicy;
  /** A request not answered by then is abandoned and retried (same batchId, so still exactly once). */
  timeoutMs?: number;
  fetchFn?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

async function describeRejection(response: Response): Promise<string> {
  const parsed = errorResponse.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : response.statusText;
}

/** 5xx and 429 (too many requests) pass; other answers say the request itself is wrong. */
const isTransient = (status: number) => status >= 500 || status === 429;

/**
 * Posts one batch, retrying network errors, time-outs, 5xx and 429 answers with jittered backoff
 * (at least the Retry-After the server asked for). The batch keeps its batchId across attempts,
 * so a retry after a lost answer is not counted twice.
 */
export async function postBatch(options: PostOptions): Promise<IngestResponse> {
  const { batch, ...rest } = options;
  return postJson({ ...rest, body: JSON.stringify(batch), parse: (json) => ingestResponse.parse(json) });
}

export interface PostJsonOptions<T> extends Omit<PostOptions, 'batch'> {
  /** The JSON body, sent the same on every attempt (OTLP's batchId is its hash). */
  body: string;
  /** Reads a 2xx answer. */
  parse: (json: unknown) => T;
}

/** postBatch's retrying for any JSON body an ingest key may post (ingest, otlp, collectd). */
export async function postJson<T>(options: PostJsonOptions<T>): Promise<T> {
  const { policy = DEFAULT_RETRY, fetchFn = fetch, sleep = wait, random = Math.random, body } = options;
  let lastFailure = '';
  let retryAfterMs: number | undefined;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (attempt > 1) await sleep(retryDelay(attempt - 1, policy, random, retryAfterMs));
    let response: Response;
    try {
      response = await fetchFn(options.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
        body,
        ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
      });
    } catch (error) {
      lastFailure = error instanceof Error ? error.message : String(error);
      retryAfterMs = undefined;
      continue;
    }
    if (isTransient(response.status)) {
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      lastFailure = `${response.status} ${await describeRejection(response)}`;
      continue;
    }
    if (!response.ok) throw new IngestRejected(response.status, await describeRejection(response));
    return options.parse(await response.json());
  }
  throw new Error(`ingest unreachable after ${policy.maxAttempts} attempts: ${lastFailure}`);
}
