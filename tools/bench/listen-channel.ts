import type { Page } from 'playwright-core';
import { emptyTally, readFrames } from './listen-frames';

/** The path of the Firestore Web SDK's Listen channel; its GET requests carry what the server sends. */
const LISTEN_CHANNEL = '/google.firestore.v1.Firestore/Listen/channel';

export interface ListenCounts {
  /** Reads Firestore bills the page's listeners for, by collection (new versions entering or changing in their results). */
  reads: Map<string, number>;
  /** Document messages the server sent, billed or not (the emulator resends unchanged ones). */
  sent: number;
  /** Bytes of the Listen channel's responses, as the server sent them (uncompressed by the emulator). */
  bytes: number;
}

interface Stream {
  decoder: TextDecoder;
  rest: string;
  /** Chunks received while the stream was being switched to streaming, in order; null once it streams. */
  queued: Uint8Array[] | null;
  streaming: boolean;
}

export interface ListenWatch {
  /** What was received since the previous take (or since the watch began), and starts counting afresh. */
  take(): ListenCounts;
}

/**
 * Counts the documents the server sends to a page's Firestore listeners, over a CDP session of
 * its own: each Listen channel response is streamed to us as it arrives (`Network.streamResourceContent`),
 * or read whole when it finished before it could be (a long-polling response).
 */
export async function watchListenChannel(page: Page): Promise<ListenWatch> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const streams = new Map<string, Stream>();
  // What each listener already has outlives a take: only the counts start afresh.
  const tally = emptyTally();
  let bytes = 0;
  const receive = (stream: Stream, chunk: Uint8Array) => {
    bytes += chunk.length;
    stream.rest = readFrames(stream.rest + stream.decoder.decode(chunk, { stream: true }), tally);
  };
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.method !== 'GET' || !event.request.url.includes(LISTEN_CHANNEL)) return;
    streams.set(event.requestId, { decoder: new TextDecoder(), rest: '', queued: [], streaming: false });
  });
  cdp.on('Network.responseReceived', (event) => {
    const stream = streams.get(event.requestId);
    if (stream === undefined) return;
    stream.streaming = true;
    cdp.send('Network.streamResourceContent', { requestId: event.requestId }).then(
      ({ bufferedData }) => {
        receive(stream, Buffer.from(bufferedData, 'base64'));
        for (const chunk of stream.queued ?? []) receive(stream, chunk);
        stream.queued = null;
      },
      // Finished before it could stream: loadingFinished reads it whole.
      () => {
        stream.streaming = false;
      },
    );
  });
  cdp.on('Network.dataReceived', (event) => {
    const stream = streams.get(event.requestId);
    if (stream === undefined || event.data === undefined) return;
    const chunk = Buffer.from(event.data, 'base64');
    if (stream.queued === null) receive(stream, chunk);
    else stream.queued.push(chunk);
  });
  cdp.on('Network.loadingFinished', (event) => {
    const stream = streams.get(event.requestId);
    if (stream === undefined) return;
    streams.delete(event.requestId);
    if (stream.streaming) return;
    void cdp.send('Network.getResponseBody', { requestId: event.requestId }).then(
      ({ body, base64Encoded }) => receive(stream, Buffer.from(body, base64Encoded ? 'base64' : 'utf8')),
      () => undefined,
    );
  });
  cdp.on('Network.loadingFailed', (event) => streams.delete(event.requestId));
  return {
    take() {
      const taken = { reads: new Map(tally.reads), sent: tally.sent, bytes };
      tally.reads.clear();
      tally.sent = 0;
      bytes = 0;
      return taken;
    },
  };
}
