import * as z from 'zod';
import { epochMs } from './time';
import { safeId } from './ids';
import { aggregate } from './metrics';
import type { KnownMetric } from './metric-registry';
import { HOST_STATUSES } from './host-status';

/**
 * The live overview's slot: the fold writes the summary at most once a slot per tenant (one task
 * id per tenant and slot), so an open overview receives at most one document a slot whatever the
 * number of agents (docs/DATA-MODEL.md, "The live overview").
 */
export const LIVE_SLOT_MS = 1_000;

/**
 * The overview's two summaries, each written at most once a slot: the fold's at the slot's end
 * (`live/overview`, which also keeps the fold's parts and the hosts table's pages), and the
 * mid-slot peek's (`live/overviewMidSlot`: the same fold half a slot earlier, writing the summary
 * only). The overview listens to both and shows the newer, so a batch waits half a slot at most for
 * the overview, and neither document takes more than one write a second.
 */
export const LIVE_SUMMARIES = ['slotEnd', 'midSlot'] as const;
export type LiveSummary = (typeof LIVE_SUMMARIES)[number];

/**
 * The mid-slot summary only buys an open overview half a slot, so it is folded only while someone
 * watches: an open overview writes its viewer's document (`paths.overviewViewer`, its server time
 * only) when it opens and every OVERVIEW_VIEWER_HEARTBEAT_MS while its tab is visible, and ingest
 * asks for the mid-slot fold of a tenant with a viewer written within OVERVIEW_VIEWER_FRESH_MS
 * (docs/DATA-MODEL.md, "The live overview", *Who pays for the mid-slot summary*).
 */
export const OVERVIEW_VIEWER_HEARTBEAT_MS = 60_000;
/** A heartbeat and a half: one late heartbeat does not stop the mid-slot summary. */
export const OVERVIEW_VIEWER_FRESH_MS = 90_000;

/** Windows on each sparkline: the last five minutes of 10 s windows. */
export const SPARKLINE_WINDOWS = 30;

/** The fleet figures the overview shows as cards, in order; the summary keeps these metrics' windows only. */
export const CARD_METRICS = ['cpu', 'requests', 'active_users'] as const satisfies readonly KnownMetric[];
export type CardMetric = (typeof CARD_METRICS)[number];

/** Hosts in each of the overview's top lists. */
export const TOP_HOSTS = 5;

/**
 * Ingest's error rate decays through the minute after a host's last error (the previous minute
 * weighs less and less); below this the list's one-decimal figure would read 0, so the top list leaves it out.
 */
export const LEAST_SHOWN_ERROR_RATE = 0.05;

const count = z.number().int().nonnegative();
const cardMetric = z.enum(CARD_METRICS);
const cardAggregates = z.partialRecord(cardMetric, aggregate);

/** The whole fleet in one 10 s window, the card metrics only: the sum of that window's fleet shards. */
export const liveWindow = z.object({ start: epochMs, end: epochMs, metrics: cardAggregates, errors: count });
export type LiveWindow = z.infer<typeof liveWindow>;

export const hostCounts = z.record(z.enum(HOST_STATUSES), count);

export const topHost = z.object({ host: safeId, value: z.number() });
export type TopHost = z.infer<typeof topHost>;

/**
 * tenants/{t}/live/overview and live/overviewMidSlot: everything the overview shows, each written
 * by the fold at most once a LIVE_SLOT_MS per tenant. About 11 KB at most (docs/DATA-MODEL.md has
 * the arithmetic).
 */
export const liveOverviewDoc = z.object({
  /** When the fold judged the hosts: health counts are as of this time. */
  foldedAt: epochMs,
  /** The sparkline's span, oldest first. */
  windows: z.array(liveWindow).max(SPARKLINE_WINDOWS),
  /** Hosts whose newest sample of the metric falls in the newest window: a total gauge's multiplier. */
  reporting: z.partialRecord(cardMetric, count),
  health: hostCounts,
  hostCount: count,
  topByCpu: z.array(topHost).max(TOP_HOSTS),
  topByErrors: z.array(topHost).max(TOP_HOSTS),
});
export type LiveOverviewDoc = z.infer<typeof liveOverviewDoc>;

/** Of the overview's summaries (LIVE_SUMMARIES), the one the fold judged last; null when none is written yet. */
export function newestSummary(summaries: readonly (LiveOverviewDoc | null)[]): LiveOverviewDoc | null {
  return summaries.reduce<LiveOverviewDoc | null>((newest, summary) => (summary !== null && (newest === null || summary.foldedAt > newest.foldedAt) ? summary : newest), null);
}

const seenTopHost = topHost.extend({ lastSeen: epochMs });
export type SeenTopHost = z.infer<typeof seenTopHost>;

/** What the fold keeps of one digests shard, judged at `judgedAt` against the settings the parts name. */
export const shardPart = z.object({
  health: hostCounts,
  hosts: count,
  /** The first time a host of the shard changes status without a report (turns stale, its silence ends); null: none will. */
  nextChangeAt: epochMs.nullable(),
  topByCpu: z.array(seenTopHost).max(TOP_HOSTS),
  topByErrors: z.array(seenTopHost).max(TOP_HOSTS),
  /** Per card metric, how many hosts' newest sample falls in each recent 10 s window, by window start. */
  reporting: z.partialRecord(cardMetric, z.record(z.string(), count)),
});
export type ShardPart = z.infer<typeof shardPart>;

/** One fleet shard's share of one 10 s window: its card metrics and error count. */
export const windowShare = z.object({ metrics: cardAggregates, errors: count });
export type WindowShare = z.infer<typeof windowShare>;

/**
 * Windows whose per-shard shares the fold keeps: a change to one of them costs no read but its
 * shard's. The whole sparkline: a changed shard document brings every window it holds, so a window
 * on the sparkline whose shares were not kept would be read whole (every shard) at each fold.
 */
export const OPEN_WINDOWS_KEPT = SPARKLINE_WINDOWS;

/**
 * A kept share's fingerprint: 52 bits of a SHA-256 of the share (a safe integer). A changed shard
 * document brings every window it holds, most of them as the last fold kept them; comparing
 * fingerprints tells the few that changed without reading the kept shares, so a fold reads and
 * writes the shares of the windows that changed only.
 */
export const shareFingerprint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const sharesByWindow = z.record(z.string(), z.record(z.string(), windowShare));

/**
 * tenants/{t}/live/overviewParts (server-only): what the fold needs to fold only what changed. About
 * 700 KB at most (docs/DATA-MODEL.md). Its `cutoff` (a Firestore Timestamp: the read time of the
 * last fold's queries) is outside the contract, read by the fold itself.
 */
export const liveOverviewPartsDoc = z.object({
  /** A hash of the settings the shard parts were judged with: other settings re-judge every shard. */
  settings: z.string(),
  /** By digests shard. */
  shards: z.record(z.string(), shardPart),
  /** By window start, then by fleet shard: the fingerprint of each share `openWindows` holds. */
  fingerprints: z.record(z.string(), z.record(z.string(), shareFingerprint)),
  /** By window start, then by fleet shard: the newest OPEN_WINDOWS_KEPT windows' shares. */
  openWindows: sharesByWindow,
  windows: z.array(liveWindow).max(SPARKLINE_WINDOWS),
});
export type LiveOverviewPartsDoc = z.infer<typeof liveOverviewPartsDoc>;

/**
 * What a fold reads of the parts first (a field mask): everything but the shares, which it then
 * reads for the windows whose fingerprints changed only (`openWindows` is most of the document).
 */
export const liveOverviewPartsHead = liveOverviewPartsDoc.omit({ openWindows: true });
export type LiveOverviewPartsHead = z.infer<typeof liveOverviewPartsHead>;

/** Some windows' shares, as the fold reads them from the parts' `openWindows`. */
export const liveOverviewShares = sharesByWindow;

/**
 * The windows whose per-leaf shares the fold of a shard's leaves keeps (fleet level past 0): the
 * newest minute, which is where per-host agents' batches land. A leaf's change to an older window of
 * the sparkline (late data) is folded by reading that window from every leaf of the group (one query).
 */
export const GROUP_WINDOWS_KEPT = 6;

/**
 * tenants/{t}/fleetGroupParts/{group} (server-only): what the fold of a shard's leaves keeps between
 * folds, as the tenant's fold keeps its parts: by window start, then by leaf, the fingerprint of
 * each leaf's share of the sparkline's windows, and the shares of the GROUP_WINDOWS_KEPT newest. At
 * most 128 leaves x 6 shares of about 290 bytes and 128 x 30 fingerprints: 271 KB at most
 * (fold-leaves.spec in functions). The read time of the last fold's query of the leaves, the
 * tenant's, is `tenants/{t}/live/leafFold`'s `cutoff`.
 */
export const groupPartsDoc = z.object({
  fingerprints: z.record(z.string(), z.record(z.string(), shareFingerprint)),
  openWindows: sharesByWindow,
});
export type GroupPartsDoc = z.infer<typeof groupPartsDoc>;

/**
 * The payload of a fold task: the tenant, the end of its slot, and the summary it writes (tasks
 * enqueued before the mid-slot summary existed carry none: the slot's end).
 */
export const liveFoldTask = z.object({ tenantId: z.string().min(1).max(40), slotEnd: epochMs, summary: z.enum(LIVE_SUMMARIES).default('slotEnd') });
export type LiveFoldTask = z.infer<typeof liveFoldTask>;
