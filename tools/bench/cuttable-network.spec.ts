import { createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startCuttableNetwork, type CuttableNetwork } from './cuttable-network';

/** A server that answers `ok <path>`, except /hang, which starts an answer and never ends it (a listen stream). */
async function startTarget(): Promise<{ server: Server; port: number; streamClosed: () => boolean }> {
  let streamClosed = false;
  const server = createServer((incoming, answer) => {
    if (incoming.url === '/hang') {
      incoming.socket.once('close', () => (streamClosed = true));
      answer.writeHead(200);
      answer.write('streaming');
      return;
    }
    answer.end(`ok ${incoming.url}`);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, streamClosed: () => streamClosed };
}

/** A GET through the proxy: the first chunk of the answer, or the error. */
function getThrough(network: CuttableNetwork, target: string): Promise<string> {
  const proxy = new URL(network.url);
  return new Promise((settled) => {
    const sent = request({ host: proxy.hostname, port: proxy.port, path: target }, (answer) => answer.once('data', (chunk: Buffer) => settled(chunk.toString())));
    sent.on('error', (error) => settled(`error: ${error.message}`));
    sent.end();
  });
}

describe('startCuttableNetwork', () => {
  const opened: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((item) => item.close()));
  });

  it('forwards requests, ends open streams on both sides when cut, refuses while cut and forwards again once restored', async () => {
    const target = await startTarget();
    opened.push(target.server);
    const network = await startCuttableNetwork();
    opened.push(network);
    const base = `http://127.0.0.1:${target.port}`;

    expect(await getThrough(network, `${base}/a?b=1`)).toBe('ok /a?b=1');
    expect(await getThrough(network, `${base}/hang`)).toBe('streaming');
    expect(target.streamClosed()).toBe(false);
    network.cut();
    await expect.poll(() => target.streamClosed()).toBe(true);
    expect(await getThrough(network, `${base}/c`)).toMatch(/^error: /);
    network.restore();
    expect(await getThrough(network, `${base}/d`)).toBe('ok /d');
  });
});
