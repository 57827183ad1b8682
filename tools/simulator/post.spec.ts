import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, IngestRejected, backoffDelay, postBatch } from './post';

const batch = { batchId: 'run-1-0', events: [{ type: 'metric', host: 'web-01', metric: 'cpu', value: 1 }] };
const noWait = () => Promise.resolve();
const policy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 };

interface Received {
  authorization: string | undefined;
  body: string;
}

let server: Server | undefined;

/** A real HTTP server that answers each request with the next scripted status. */
async function scriptedIngest(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ authorization: request.headers.authorization, body });
      const status = statuses[received.length - 1] ?? 200;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(status === 200 ? { accepted: 1, rejected: [], batchId: 'run-1-0', duplicate: false } : { error: { code: 'x', message: `status ${status}` } }),
      );
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`, received };
}

afterEach(async () => {
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
    await expect(postBatch({ url: 'http://127.0.0.1:9/ingest', key: 'k', batch, policy: closedPort, sleep })).rejects.toThrow(/after 3 attempts/);
    expect(delays).toEqual([backoffDelay(1, closedPort), backoffDelay(2, closedPort)]);
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap', () => {
    const steps = [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, DEFAULT_RETRY));
    expect(steps).toEqual([250, 500, 1_000, 2_000, 4_000, 4_000]);
  });
});
