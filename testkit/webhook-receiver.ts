import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers one request. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Requests a receiver keeps, newest last: enough for any test or bench, bounded for a demo left running. */
export const RECEIVER_KEEPS = 10_000;

export interface ReceiverOptions {
  /** A fixed port (npm start's demo receiver); by default any free one. */
  port?: number;
  /** Called with each request as it arrives. */
  onRequest?: (request: ReceivedRequest) => void;
}

/**
 * A real local HTTP receiver: it answers the scripted replies in order, then 200 to everything,
 * and keeps the last RECEIVER_KEEPS requests. The tests, the notifications bench and npm start's demo use it.
 */
export async function startReceiver(script: Reply[] = [], options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const replies = [...script];
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const got = { at: Date.now(), headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(got);
      if (received.length > RECEIVER_KEEPS) received.shift();
      options.onRequest?.(got);
      const reply = replies.shift() ?? { status: 200 };
      response.writeHead(reply.status, reply.headers).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * What the README tells a receiver to do, written here without the functions' code: split the
 * header, refuse an old timestamp, recompute the HMAC over "<t>.<raw body>", compare in constant time.
 */
export function verifySignature(header: string | undefined, body: string, secret: string, nowSeconds = Date.now() / 1000): boolean {
  const parts = new Map((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = Buffer.from(parts.get('v1') ?? '', 'hex');
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return v1.length === expected.length && timingSafeEqual(v1, expected);
}
