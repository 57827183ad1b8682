/**
 * The browser's network, as a plain-HTTP forward proxy the bench can cut. Chromium's offline
 * emulation (`context.setOffline`) fails new requests but leaves open connections standing, unread:
 * the Firestore emulator then holds the page's abandoned listen channel and queues every message for
 * it (10,001 and then a warning per message, GBs of log and memory: docs/BENCHMARKS.md, "Soak"). A
 * real network cut ends those connections, so the server drops the channel; cutting the proxy
 * destroys every connection through it and refuses new ones until it is restored. The emulators speak
 * plain HTTP on loopback, so no CONNECT tunnel is needed.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface CuttableNetwork {
  /** `http://127.0.0.1:<port>`, for the browser's proxy setting. */
  url: string;
  /** Destroys every connection through the proxy (browser side and emulator side) and refuses new ones. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Headers about the hop to the proxy, not for the emulator. */
const HOP_HEADERS = ['proxy-connection', 'proxy-authorization'];

export async function startCuttableNetwork(): Promise<CuttableNetwork> {
  const sockets = new Set<Socket>();
  let isCut = false;
  const track = (socket: Socket) => {
    if (isCut) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const forward = (incoming: IncomingMessage, answer: ServerResponse) => {
    const target = new URL(incoming.url ?? '/', 'http://invalid');
    const headers = { ...incoming.headers };
    for (const header of HOP_HEADERS) delete headers[header];
    const upstream = request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: incoming.method, headers, agent: false }, (response) => {
      answer.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(answer);
    });
    upstream.on('socket', track);
    upstream.on('error', () => answer.destroy());
    answer.on('close', () => upstream.destroy());
    incoming.pipe(upstream);
  };
  const server = createServer(forward);
  server.on('connection', track);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the cuttable network proxy has no TCP port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut: () => {
      isCut = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore: () => {
      isCut = false;
    },
    close: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
}
