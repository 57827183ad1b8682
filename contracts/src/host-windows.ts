import type { HostWindow, RecentWindows, WindowChunkDoc } from './documents';
import { METRICS_KEPT_PER_HOST, type Resolution } from './metrics';
import { INGEST_LIMITS } from './telemetry';

/**
 * How a host keeps its windows of each resolution (docs/DATA-MODEL.md, "Host windows"). Every
 * window lives in the host document, which each batch writes anyway, while a batch may still add to
 * it; a closed one then goes to a chunk document written once (`chunkMs` of windows), or, for
 * `10s` (only the live 15-minute chart shows it), nowhere. `metricsKept` bounds each window: past it
 * the metrics whose newest sample is oldest go. The 10 s windows keep fewer, so that the host
 * document stays under Firestore's 1 MiB with the worst case of every other field
 * (host-windows.spec in functions computes it).
 */
export const HOST_WINDOWS = {
  '10s': { chunkMs: null, metricsKept: 32 },
  '1m': { chunkMs: 10 * 60_000, metricsKept: METRICS_KEPT_PER_HOST },
  '1h': { chunkMs: 3_600_000, metricsKept: METRICS_KEPT_PER_HOST },
} as const satisfies Record<Resolution, { chunkMs: number | null; metricsKept: number }>;

/**
 * How much older than a batch's time a window must end before no batch can add to it: events older
 * than the lateness limit are refused, and a minute more covers function instances whose clocks
 * differ by less than that.
 */
export const WINDOW_CLOSE_MS = INGEST_LIMITS.maxLatenessMs + 60_000;

/** The chunk of its resolution a window starting at `start` is archived in; null for a resolution never archived. */
export function windowChunkOf(start: number, resolution: Resolution): { start: number; end: number } | null {
  const { chunkMs } = HOST_WINDOWS[resolution];
  if (chunkMs === null) return null;
  const chunkStart = start - (start % chunkMs);
  return { start: chunkStart, end: chunkStart + chunkMs };
}

/**
 * One host's windows of one resolution starting at or after `since`, oldest first: its archived
 * chunks and its host document's recent windows. A window is in one of the two (the document drops
 * what it archives in the same write); should a start appear in both, the host document's is newer.
 */
export function hostWindowsSince(recent: RecentWindows | undefined, chunks: readonly WindowChunkDoc[], resolution: Resolution, since: number): HostWindow[] {
  const byStart = new Map<number, HostWindow>();
  for (const chunk of chunks) if (chunk.resolution === resolution) for (const window of chunk.windows) byStart.set(window.start, window);
  for (const window of recent?.[resolution] ?? []) byStart.set(window.start, window);
  return [...byStart.values()].filter((window) => window.start >= since).sort((a, b) => a.start - b.start);
}

