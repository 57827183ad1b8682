import { errorResponse, ingestResponse, type IngestBatch, type IngestResponse } from '@pulseboard/contracts';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 4_000 };

/** The wait before retry number `attempt` (1-based): exponential, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/** Ingest refused the batch (4xx): retrying the same request cannot help. */
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
  fetchFn?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeRejection(response: Response): Promise<string> {
  const parsed = errorResponse.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : response.statusText;
}

/**
 * Posts one batch, retrying network errors and 5xx answers with backoff. The batch keeps its
 * batchId across attempts, so a retry after a lost answer is not counted twice.
 */
export async function postBatch(options: PostOptions): Promise<IngestResponse> {
  const { policy = DEFAULT_RETRY, fetchFn = fetch, sleep = wait } = options;
  const body = JSON.stringify(options.batch);
  let lastFailure = '';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (attempt > 1) await sleep(backoffDelay(attempt - 1, policy));
    let response: Response;
    try {
      response = await fetchFn(options.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
        body,
      });
    } catch (error) {
      lastFailure = error instanceof Error ? error.message : String(error);
      continue;
    }
    if (response.status >= 500) {
      lastFailure = `${response.status} ${await describeRejection(response)}`;
      continue;
    }
    if (!response.ok) throw new IngestRejected(response.status, await describeRejection(response));
    return ingestResponse.parse(await response.json());
  }
  throw new Error(`ingest unreachable after ${policy.maxAttempts} attempts: ${lastFailure}`);
}
