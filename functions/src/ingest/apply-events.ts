import type { IngestBatch, IngestResponse } from '@pulseboard/contracts';
import { applyBatch } from './apply-batch';
import type { PresentedKey } from './authorise-key';
import { previousAnswer, replayedAnswer } from './replayed-batches';
import { rollUp } from './rollup';
import { validateEvents } from './validate-events';

/**
 * The ingest pipeline after a request's key is checked and its body decoded into events, shared by
 * every format (native, OTLP, collectd): validation and width limits, rollup, one transaction.
 *
 * A batch with events to apply meets its earlier application, if any, in its hosts' documents in
 * its transaction. One with none may be the retry of a batch applied before its events aged past
 * the lateness window: the hosts its events name, read only then, give it its original answer
 * rather than "every event refused".
 */
export async function applyEvents(key: PresentedKey, { batchId, events }: IngestBatch): Promise<IngestResponse> {
  const now = Date.now();
  const { accepted, rejected } = validateEvents(events, now);
  const answer: IngestResponse = { accepted: accepted.length, rejected, batchId, duplicate: false };
  if (accepted.length === 0) return (await previousAnswer(key.tenantId, batchId, events)) ?? answer;
  const replay = batchId === undefined ? undefined : { batchId, answerAt: (appliedAt: number) => replayedAnswer(events, batchId, appliedAt) };
  return applyBatch({ key, replay, rollup: rollUp(accepted), answer, now });
}
