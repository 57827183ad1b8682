import type { HostWindow, RecentWindows } from './documents';
import { CARD_METRICS, SPARKLINE_WINDOWS } from './live-overview';
import { METRICS_KEPT_PER_HOST, RESOLUTIONS, type Resolution } from './metrics';
import { INGEST_LIMITS } from './telemetry';

/**
 * How much older than a batch's time a window must end before no batch can add to it: events older
 * than the lateness limit are refused, and a minute more covers function instances whose clocks
 * differ by less than that.
 */
export const WINDOW_CLOSE_MS = INGEST_LIMITS.maxLatenessMs + 60_000;

/**
 * How long the fleet's 10 s windows take samples: the overview's sparkline (their only reader) spans
 * SPARKLINE_WINDOWS of them, and the minute more covers clocks as WINDOW_CLOSE_MS does. A sample later
 * than that still counts in its host's windows and the fleet's 1 m and 1 h windows, exactly.
 */
export const FLEET_LIVE_WINDOW_CLOSE_MS = SPARKLINE_WINDOWS * RESOLUTIONS['10s'].ms + 60_000;

/**
 * How a rolling document (a host's, a fleet shard's) keeps its windows of one resolution: every
 * window lives in the document, which each batch writes anyway, while a batch may still add to it; a
 * closed one then goes to a chunk document written once (`chunkMs` of windows), or, with `chunkMs`
 * null, nowhere. `closeMs`: how much older than a batch's time a window (or, archived, its chunk)
 * must end before it takes no more samples and leaves the document. `metricsKept` bounds each window:
 * past it the metrics whose newest sample is oldest go. `only`, when set, names the only metrics the
 * windows keep at all.
 */
export interface WindowPolicy {
  readonly chunkMs: number | null;
  readonly closeMs: number;
  readonly metricsKept: number;
  readonly only: readonly string[] | null;
}
export type WindowsPolicy = Readonly<Record<Resolution, WindowPolicy>>;

/**
 * A host's windows (docs/DATA-MODEL.md, "Host windows"): `10s` only for the live 15-minute chart,
 * never archived. The 10 s windows keep fewer metrics, so that the host document stays under
 * Firestore's 1 MiB with the worst case of every other field (host-document-size.spec in functions
 * computes it).
 */
export const HOST_WINDOWS = {
  '10s': { chunkMs: null, closeMs: WINDOW_CLOSE_MS, metricsKept: 32, only: null },
  '1m': { chunkMs: 10 * 60_000, closeMs: WINDOW_CLOSE_MS, metricsKept: METRICS_KEPT_PER_HOST, only: null },
  '1h': { chunkMs: 3_600_000, closeMs: WINDOW_CLOSE_MS, metricsKept: METRICS_KEPT_PER_HOST, only: null },
} as const satisfies WindowsPolicy;

/**
 * A fleet shard's windows (docs/DATA-MODEL.md, "Fleet shards"), in its one document beside its
 * host digests. `10s` feeds only the live overview's cards: it keeps the card metrics, and is never
 * archived (the live summary keeps its sparkline). `1h` names the metrics the settings page offers,
 * so it keeps many; `1m` (no page charts the fleet by the minute) fewer. With HOST_DIGESTS_KEPT_PER_SHARD
 * digests the document stays under 1 MiB in the worst case (fleet-shard-size.spec in functions).
 */
export const FLEET_WINDOWS = {
  '10s': { chunkMs: null, closeMs: FLEET_LIVE_WINDOW_CLOSE_MS, metricsKept: CARD_METRICS.length, only: CARD_METRICS },
  '1m': { chunkMs: 10 * 60_000, closeMs: WINDOW_CLOSE_MS, metricsKept: 32, only: null },
  '1h': { chunkMs: 3_600_000, closeMs: WINDOW_CLOSE_MS, metricsKept: 500, only: null },
} as const satisfies WindowsPolicy;

/** The chunk of its resolution a window starting at `start` is archived in under `policy`; null for a resolution never archived. */
export function windowChunkOf(policy: WindowsPolicy, start: number, resolution: Resolution): { start: number; end: number } | null {
  const { chunkMs } = policy[resolution];
  if (chunkMs === null) return null;
  const chunkStart = start - (start % chunkMs);
  return { start: chunkStart, end: chunkStart + chunkMs };
}

/**
 * One host's or shard's windows of one resolution starting at or after `since`, oldest first: its
 * archived chunks and its document's recent windows. A window is in one of the two (the document
 * drops what it archives in the same write); should a start appear in both, the document's is newer.
 */
export function windowsSince(
  recent: RecentWindows | undefined,
  chunks: readonly { resolution: Resolution; windows: readonly HostWindow[] }[],
  resolution: Resolution,
  since: number,
): HostWindow[] {
  const byStart = new Map<number, HostWindow>();
  for (const chunk of chunks) if (chunk.resolution === resolution) for (const window of chunk.windows) byStart.set(window.start, window);
  for (const window of recent?.[resolution] ?? []) byStart.set(window.start, window);
  return [...byStart.values()].filter((window) => window.start >= since).sort((a, b) => a.start - b.start);
}

