import type { IngestResponse } from '@pulseboard/contracts';
import { applyEvents } from './apply-events';
import type { PresentedKey } from './authorise-key';
import { recordKeyUse, type KeyUse } from '../keys/record-key-use';
import { admitEvents } from '../quota/admit-events';
import type { CumulativePoint, MappedSample } from './cumulative-deltas';
import { withSeriesDeltas } from './series-state';

/** A request of an agent's own format (OTLP, collectd) mapped to samples, each with the index of the item it came from. */
export interface MappedSamples {
  samples: readonly MappedSample[];
  /** Running totals, turned into samples against their series' previous points. */
  cumulative: readonly CumulativePoint[];
  /** Why each refused item was refused, by its index in the request. */
  refused: ReadonlyMap<number, string>;
}

export interface AppliedSamples {
  /** Every sample the batch carried, in its order: a rejected event's index is an index here. */
  samples: readonly MappedSample[];
  /** The pipeline's answer; undefined when there was nothing to apply. */
  applied: IngestResponse | undefined;
}

/**
 * A mapped request through the ingest pipeline as one batch, its running totals against their
 * stored series; counted against the key's quota first (each value one event), before any read;
 * the key's use recorded once the batch is taken.
 */
export async function applySamples(key: PresentedKey, use: KeyUse, batchId: string, mapped: MappedSamples): Promise<AppliedSamples> {
  const events = mapped.samples.length + mapped.cumulative.length;
  if (events > 0) await admitEvents(use, events);
  const answer = await withSeriesDeltas(key.tenantId, mapped.cumulative, async (deltas) => {
    const samples = [...mapped.samples, ...deltas];
    if (samples.length === 0) return { samples, applied: undefined };
    const events = samples.map(({ host, metric, value, ts }) => ({ type: 'metric', host, metric, value, ts }));
    return { samples, applied: await applyEvents(key, { batchId, events }) };
  });
  await recordKeyUse(use);
  return answer;
}

/** The items refused in mapping or, through one of their samples, in validation: each once, with its first reason. */
export function refusedItems(mapped: MappedSamples, { samples, applied }: AppliedSamples): Map<number, string> {
  const refused = new Map(mapped.refused);
  for (const { index, reason } of applied?.rejected ?? []) {
    const sample = samples[index];
    if (sample !== undefined && !refused.has(sample.point)) refused.set(sample.point, `${sample.metric}: ${reason}`);
  }
  return refused;
}
