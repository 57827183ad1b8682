import type { HostWindow, RecentWindows } from './documents';
import { CARD_METRICS } from './live-overview';
import { METRICS_KEPT_PER_HOST, type Resolution } from './metrics';
import { INGEST_LIMITS } from './telemetry';

/**
 * How a rolling document (a host's, a fleet shard's) keeps its windows of one resolution: every
 * window lives in the document, which each batch writes anyway, while a batch may still add to it; a
 * closed one then goes to a chunk document written once (`chunkMs` of windows), or, with `chunkMs`
 * null, nowhere. `metricsKept` bounds each window: past it the metrics whose newest sample is oldest
 * go. `only`, when set, names the only metrics the windows keep at all.
 */
export interface WindowPolicy {
  readonly chunkMs: number | null;
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
  '10s': { chunkMs: null, metricsKept: 32, only: null },
  '1m': { chunkMs: 10 * 60_000, metricsKept: METRICS_KEPT_PER_HOST, only: null },
  '1h': { chunkMs: 3_600_000, metricsKept: METRICS_KEPT_PER_HOST, only: null },
} as const satisfies WindowsPolicy;

/**
 * A fleet shard's windows (docs/DATA-MODEL.md, "Fleet shards"), in its one document beside its
 * host digests. `10s` feeds only the live overview's cards: it keeps the card metrics, and is never
 * archived (the live summary keeps its sparkline). `1h` names the metrics the settings page offers,
 * so it keeps many; `1m` (no page charts the fleet by the minute) fewer. With HOST_DIGESTS_KEPT_PER_SHARD
 * digests the document stays under 1 MiB in the worst case (fleet-shard-size.spec in functions).
 */
export const FLEET_WINDOWS = {
  '10s': { chunkMs: null, metricsKept: CARD_METRICS.length, only: CARD_METRICS },
  '1m': { chunkMs: 10 * 60_000, metricsKept: 32, only: null },
  '1h': { chunkMs: 3_600_000, metricsKept: 500, only: null },
} as const satisfies WindowsPolicy;

/**
 * How much older than a batch's time a window must end before no batch can add to it: events older
 * than the lateness limit are refused, and a minute more covers function instances whose clocks
 * differ by less than that.
 */
export const WINDOW_CLOSE_MS = INGEST_LIMITS.maxLatenessMs + 60_000;

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

