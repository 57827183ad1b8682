import {
  RESOLUTIONS,
  mergeMetricMaps,
  ownValue,
  recordOf,
  windowChunkOf,
  type Aggregate,
  type HostWindow,
  type RecentWindows,
  type Resolution,
  type WindowsPolicy,
} from '@pulseboard/contracts';
import { newestEntries } from './newest-entries';
import type { WindowDelta } from './rollup';

const ALL_RESOLUTIONS = Object.keys(RESOLUTIONS) as Resolution[];

/** A chunk of closed windows of one resolution, as a host or a fleet shard archives it (the caller names the owner). */
export interface ClosedChunk {
  resolution: Resolution;
  start: number;
  end: number;
  expiresAt: number;
  windows: HostWindow[];
}

/** A rolling document's windows after a batch: what the document keeps, and the chunks it archives now. */
export interface WindowsAfterBatch {
  recent: RecentWindows;
  /** Chunks whose windows are all closed, each written once, whole. */
  archived: ClosedChunk[];
  /** Every window the batch added to or kept, by the rollup's window key (`${resolution}_${start}`). */
  merged: ReadonlyMap<string, HostWindow>;
}

export function noRecentWindows(): RecentWindows {
  return { '10s': [], '1m': [], '1h': [] };
}

/** The metrics a policy keeps at all: all of them, or only those it names. */
function keptNames(metrics: Readonly<Record<string, Aggregate>>, only: readonly string[] | null): Record<string, Aggregate> {
  if (only === null) return { ...metrics };
  return recordOf(only.flatMap((metric) => {
    const aggregate = ownValue(metrics, metric);
    return aggregate === undefined ? [] : [[metric, aggregate] as const];
  }));
}

/**
 * Adds a batch's window deltas to a document's recent windows (a host's or a fleet shard's, each
 * under its own policy), each bounded to its resolution's `only` and `metricsKept`, then takes out
 * the windows no batch can add to any more (ending their resolution's `closeMs` before `now`): a chunk
 * of them is archived whole once every window of the chunk is closed, so each chunk is written once; a
 * closed window of a resolution never archived is dropped, with what this batch added to it.
 */
export function windowsAfterBatch(policy: WindowsPolicy, stored: RecentWindows, deltas: ReadonlyMap<string, WindowDelta>, now: number): WindowsAfterBatch {
  const merged = new Map<string, HostWindow>();
  for (const resolution of ALL_RESOLUTIONS) for (const window of stored[resolution]) merged.set(`${resolution}_${window.start}`, window);
  for (const [key, delta] of deltas) {
    const held = merged.get(key);
    const { metricsKept, only } = policy[delta.slot.resolution];
    const metrics = mergeMetricMaps(held?.metrics ?? {}, keptNames(delta.metrics, only));
    merged.set(key, {
      start: delta.slot.start,
      metrics: newestEntries(metrics, metricsKept, (aggregate) => aggregate.lastTs),
      errorCount: (held?.errorCount ?? 0) + delta.errorCount,
    });
  }

  const recent = noRecentWindows();
  const chunks = new Map<string, ClosedChunk>();
  for (const resolution of ALL_RESOLUTIONS) {
    const windows = [...merged].filter(([key]) => key.startsWith(`${resolution}_`)).map(([, window]) => window);
    for (const window of windows.sort((a, b) => a.start - b.start)) {
      const chunk = windowChunkOf(policy, window.start, resolution);
      // A window stops taking samples for good when its chunk closes, or, never archived, itself.
      const end = chunk?.end ?? window.start + RESOLUTIONS[resolution].ms;
      if (end > now - policy[resolution].closeMs) recent[resolution].push(window);
      else if (chunk !== null) chunkOf(chunks, resolution, chunk).windows.push(window);
    }
  }
  return { recent, archived: [...chunks.values()], merged };
}

function chunkOf(chunks: Map<string, ClosedChunk>, resolution: Resolution, { start, end }: { start: number; end: number }): ClosedChunk {
  const key = `${resolution}_${start}`;
  const chunk = chunks.get(key) ?? { resolution, start, end, expiresAt: end + RESOLUTIONS[resolution].keepMs, windows: [] };
  chunks.set(key, chunk);
  return chunk;
}
