import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, IngestRejected, backoffCeiling, parseRetryAfter, postBatch, retryDelay } from './post';

const batch = { batchId: 'run-1-0', events: [{ type: 'metric', host: 'web-01', metric: 'cpu', value: 1 }] };
const noWait = () => Promise.resolve();
const policy = { ...DEFAULT_RETRY, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 };

interface Received {
  authorization: string | undefined;
  body: string;
}

let server: Server | undefined;

/** A real HTTP server that answers each request with the next scripted status. */
async function scriptedIngest(statuses: number[], headers: Record<string, string> = {}): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ authorization: request.headers.authorization, body });
      const status = statuses[received.length - 1] ?? 200;
      response.writeHead(status, { 'content-type': 'application/json', ...(status === 200 ? {} : headers) });
      response.end(
        JSON.stringify(status === 200 ? { accepted: 1, rejected: [], batchId: 'run-1-0', duplicate: false } : { error: { code: 'x', message: `status ${status}` } }),
      );
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`, received };
}

afterEach(async () => {
  // A server that never answered still holds its sockets; close() would wait for them.
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('postBatch', () => {
  it('sends the key as a bearer token and returns the summary', async () => {
    const ingest = await scriptedIngest([200]);
    const answer = await postBatch({ url: ingest.url, key: 'pbk_secret', batch, policy, sleep: noWait });
    expect(answer.accepted).toBe(1);
    expect(ingest.received[0]?.authorization).toBe('Bearer pbk_secret');
  });

  it('retries a 5xx with the same body, batchId included', async () => {
    const ingest = await scriptedIngest([503, 500, 200]);
    await postBatch({ url: ingest.url, key: 'k', batch, policy, sleep: noWait });
    expect(ingest.received.map((request) => JSON.parse(request.body).batchId)).toEqual(['run-1-0', 'run-1-0', 'run-1-0']);
  });

  it('does not retry a 4xx and says what ingest answered', async () => {
    const ingest = await scriptedIngest([401, 200]);
    await expect(postBatch({ url: ingest.url, key: 'k', batch, policy, sleep: noWait })).rejects.toThrow(IngestRejected);
    expect(ingest.received).toHaveLength(1);
  });

  it('gives up after the last attempt when ingest stays down', async () => {
    const ingest = await scriptedIngest([503, 503, 503, 200]);
    await expect(postBatch({ url: ingest.url, key: 'k', batch, policy, sleep: noWait })).rejects.toThrow(/after 3 attempts/);
  });

  it('retries when nothing listens, then reports the network error', async () => {
    const delays: number[] = [];
    const sleep = (ms: number) => {
      delays.push(ms);
      return Promise.resolve();
    };
    const closedPort = { ...DEFAULT_RETRY, maxAttempts: 3 };
    await expect(postBatch({ url: 'http://127.0.0.1:9/ingest', key: 'k', batch, policy: closedPort, sleep, random: () => 1 })).rejects.toThrow(/after 3 attempts/);
    expect(delays).toEqual([backoffCeiling(1, closedPort), backoffCeiling(2, closedPort)]);
  });

  it('retries a 429 and waits at least the Retry-After it was given', async () => {
    const ingest = await scriptedIngest([429, 200], { 'retry-after': '7' });
    const delays: number[] = [];
    const sleep = (ms: number) => {
      delays.push(ms);
      return Promise.resolve();
    };
    const answer = await postBatch({ url: ingest.url, key: 'k', batch, policy, sleep, random: () => 0.5 });
    expect(answer.accepted).toBe(1);
    expect(delays).toEqual([7_000]);
  });

  it('gives up on a request that is not answered in time and retries it', async () => {
    const hanging = await new Promise<Server>((resolve) => {
      const silent = createServer(() => undefined);
      silent.listen(0, '127.0.0.1', () => resolve(silent));
    });
    server = hanging;
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/ingest`;
    await expect(postBatch({ url, key: 'k', batch, policy: { ...policy, maxAttempts: 2 }, sleep: noWait, timeoutMs: 50 })).rejects.toThrow(/after 2 attempts/);
  });
});

describe('retryDelay', () => {
  it('has a ceiling that doubles per attempt up to the cap', () => {
    const steps = [1, 2, 3, 4, 5, 6].map((attempt) => backoffCeiling(attempt, DEFAULT_RETRY));
    expect(steps).toEqual([250, 500, 1_000, 2_000, 4_000, 4_000]);
  });

  it('waits a random share of the ceiling, so refused agents spread out', () => {
    expect([0, 0.25, 0.999].map((share) => retryDelay(3, DEFAULT_RETRY, () => share))).toEqual([0, 250, 999]);
  });

  it('waits at least the Retry-After, up to the longest it honours', () => {
    expect(retryDelay(1, DEFAULT_RETRY, () => 0.5, 2_000)).toBe(2_000);
    expect(retryDelay(6, DEFAULT_RETRY, () => 0.9, 1_000)).toBe(3_600);
    expect(retryDelay(1, DEFAULT_RETRY, () => 0, 3_600_000)).toBe(DEFAULT_RETRY.maxRetryAfterMs);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-02T08:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 08:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 07:59:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect([null, '', 'soon', '-1'].map((header) => parseRetryAfter(header, now))).toEqual([undefined, undefined, undefined, undefined]);
  });
});
