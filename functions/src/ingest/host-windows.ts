import {
  HOST_WINDOWS,
  RESOLUTIONS,
  WINDOW_CLOSE_MS,
  mergeMetricMaps,
  windowChunkOf,
  type HostWindow,
  type RecentWindows,
  type Resolution,
  type WindowChunkDoc,
} from '@pulseboard/contracts';
import { newestEntries } from './newest-entries';
import type { WindowDelta } from './rollup';

const ALL_RESOLUTIONS = Object.keys(RESOLUTIONS) as Resolution[];

/** A host's windows after a batch: what its document keeps, and the chunks it archives now. */
export interface HostWindowsAfterBatch {
  recent: RecentWindows;
  /** Chunks whose windows are all closed, each written once, whole. */
  archived: WindowChunkDoc[];
  /** Every window of the host the batch added to or kept, by the rollup's window key (`${resolution}_${start}`). */
  merged: ReadonlyMap<string, HostWindow>;
}

export function noRecentWindows(): RecentWindows {
  return { '10s': [], '1m': [], '1h': [] };
}

/**
 * Adds a batch's window deltas to a host's recent windows, each bounded to its resolution's
 * `metricsKept`, then takes out the windows no batch can add to any more (ending WINDOW_CLOSE_MS
 * before `now`): a chunk of them is archived whole once every window of the chunk is closed, so each
 * chunk is written once; a closed 10 s window is dropped (the live chart's 15 minutes are over).
 */
export function windowsAfterBatch(host: string, stored: RecentWindows, deltas: ReadonlyMap<string, WindowDelta>, now: number): HostWindowsAfterBatch {
  const merged = new Map<string, HostWindow>();
  for (const resolution of ALL_RESOLUTIONS) for (const window of stored[resolution]) merged.set(`${resolution}_${window.start}`, window);
  for (const [key, delta] of deltas) {
    const held = merged.get(key);
    const metrics = mergeMetricMaps(held?.metrics ?? {}, delta.metrics);
    merged.set(key, {
      start: delta.slot.start,
      metrics: newestEntries(metrics, HOST_WINDOWS[delta.slot.resolution].metricsKept, (aggregate) => aggregate.lastTs),
      errorCount: (held?.errorCount ?? 0) + delta.errorCount,
    });
  }

  const recent = noRecentWindows();
  const chunks = new Map<string, WindowChunkDoc>();
  for (const resolution of ALL_RESOLUTIONS) {
    const windows = [...merged].filter(([key]) => key.startsWith(`${resolution}_`)).map(([, window]) => window);
    for (const window of windows.sort((a, b) => a.start - b.start)) {
      const chunk = windowChunkOf(window.start, resolution);
      // A window stops taking samples for good when its chunk closes, or, never archived, itself.
      const end = chunk?.end ?? window.start + RESOLUTIONS[resolution].ms;
      if (end > now - WINDOW_CLOSE_MS) recent[resolution].push(window);
      else if (chunk !== null) chunkDocOf(chunks, host, resolution, chunk).windows.push(window);
    }
  }
  return { recent, archived: [...chunks.values()], merged };
}

function chunkDocOf(chunks: Map<string, WindowChunkDoc>, host: string, resolution: Resolution, { start, end }: { start: number; end: number }): WindowChunkDoc {
  const key = `${resolution}_${start}`;
  const chunk = chunks.get(key) ?? { host, resolution, start, end, expiresAt: end + RESOLUTIONS[resolution].keepMs, windows: [] };
  chunks.set(key, chunk);
  return chunk;
}
