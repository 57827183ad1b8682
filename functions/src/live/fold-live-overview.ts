import { createHash } from 'node:crypto';
import {
  CARD_METRICS,
  HOST_STATUSES,
  LEAST_SHOWN_ERROR_RATE,
  OPEN_WINDOWS_KEPT,
  RESOLUTIONS,
  SPARKLINE_WINDOWS,
  TOP_HOSTS,
  countByStatus,
  hostStatus,
  mergeAggregates,
  nextStatusChange,
  ownValue,
  statusFields,
  windowStart,
  type Aggregate,
  type CardMetric,
  type FleetSettings,
  type HostDigestsDoc,
  type HostWindow,
  type HostStatus,
  type LiveOverviewDoc,
  type LiveOverviewPartsHead,
  type LiveWindow,
  type SeenTopHost,
  type ShardPart,
  type WindowShare,
} from '@pulseboard/contracts';

const WINDOW_MS = RESOLUTIONS['10s'].ms;

/** One fleet shard's 10 s window, as its shard document holds it. */
export interface ShardWindow extends HostWindow {
  shard: number;
}

/** The 10 s windows a fleet shard document holds, each named by its shard. */
export function shardWindowsOf(shard: number, windows: readonly HostWindow[]): ShardWindow[] {
  return windows.map((window) => ({ ...window, shard }));
}

/** The parts of a tenant no fold has run for yet. */
export function emptyParts(settings: string): LiveOverviewPartsHead {
  return { settings, shards: {}, fingerprints: {}, windows: [] };
}

/** A changed shard document's window whose share is not the one the parts keep (or that they keep none of). */
export interface NewShare {
  start: number;
  shard: string;
  share: WindowShare;
  fingerprint: number;
}

/** 52 bits of a SHA-256 of the share: equal shares, equal fingerprints (the contracts' `shareFingerprint`). */
export function fingerprintOf(share: WindowShare): number {
  return Number.parseInt(createHash('sha256').update(JSON.stringify(share)).digest('hex').slice(0, 13), 16);
}

/**
 * The windows of the changed shard documents whose shares changed: a shard document brings every
 * window it holds, and most are as the last fold kept them (same fingerprint): those cost nothing more.
 */
export function newShares(fingerprints: LiveOverviewPartsHead['fingerprints'], windows: readonly ShardWindow[]): NewShare[] {
  return windows.flatMap((window) => {
    const share = shareOf(window);
    const fingerprint = fingerprintOf(share);
    const shard = String(window.shard);
    return ownValue(ownValue(fingerprints, String(window.start)), shard) === fingerprint ? [] : [{ start: window.start, shard, share, fingerprint }];
  });
}

/** What the fold must read beyond the changed documents, decided from the parts before reading it. */
export interface ExtraReads {
  /** Changed windows on the sparkline whose shares the parts do not keep: every shard document is read (one query). */
  wholeWindows: number[];
  /** Kept windows with a new share: their kept shares are read (one field-masked read of the parts) and summed again. */
  keptWindows: number[];
  /** Shards not changed but due: a host of theirs changes status now, or the settings changed. */
  dueShards: number[];
}

/**
 * The reads a fold adds to the changed shards: windows older than those whose shares are kept
 * (late data) are read whole, the kept shares of the windows that changed, and digests shards whose
 * judgement expired are read again.
 */
export function extraReads(parts: LiveOverviewPartsHead, settings: string, changed: readonly NewShare[], changedShards: ReadonlySet<number>, now: number): ExtraReads {
  const kept = new Set(Object.keys(parts.fingerprints).map(Number));
  const newestKept = Math.max(...kept);
  const starts = [...new Set(changed.map((share) => share.start))];
  const spanFrom = Math.max(newestKept, ...starts) - SPARKLINE_WINDOWS * WINDOW_MS;
  // Late data in a window past the sparkline's span changes nothing the overview shows: no read.
  const wholeWindows = starts.filter((start) => start < newestKept && start > spanFrom && !kept.has(start));
  const keptWindows = starts.filter((start) => kept.has(start));
  const dueShards = Object.entries(parts.shards)
    .filter(([shard, part]) => !changedShards.has(Number(shard)) && (parts.settings !== settings || (part.nextChangeAt !== null && part.nextChangeAt <= now)))
    .map(([shard]) => Number(shard));
  return { wholeWindows, keptWindows, dueShards };
}

export interface FoldInput {
  /** The parts as the fold read them, without their shares. */
  parts: LiveOverviewPartsHead;
  /** The kept shares of each window of ExtraReads.keptWindows, by start, then by shard. */
  keptShares: ReadonlyMap<number, Readonly<Record<string, WindowShare>>>;
  /** The settings' hash (the parts' `settings`) and the settings themselves. */
  settingsKey: string;
  settings: FleetSettings;
  /** The shares of the changed shard documents' windows that differ from the kept ones (newShares). */
  changedShares: readonly NewShare[];
  /** Every shard's window of each window of ExtraReads.wholeWindows, by start. */
  wholeWindows: ReadonlyMap<number, readonly ShardWindow[]>;
  /** The digests of the shards written since the last fold, and of the due ones. */
  digests: readonly HostDigestsDoc[];
  now: number;
}

export interface Fold {
  /** The parts after the fold, without their shares. */
  parts: LiveOverviewPartsHead;
  /** The shares to write, by kept window then by shard: each replaces its shard's (and is the whole window's when the parts are new). */
  shares: Map<number, Map<string, WindowShare>>;
  /** Windows the parts kept and keep no more: their shares and fingerprints go. */
  dropped: number[];
  /** The digests shards judged again: their parts are the ones that changed. */
  judged: string[];
  summary: LiveOverviewDoc;
  /** When a host's status next changes with no report: the time of the next fold, if nothing comes sooner. */
  nextFoldAt: number | null;
}

/**
 * The live overview after the changes since the last fold: pure, so the merge (the contracts' one
 * merge of aggregates), the bounds and the judgement of the hosts are tested without the emulator.
 * The task only reads what changed, folds, and writes what changed of the two documents.
 */
export function foldLiveOverview({ parts, keptShares, settingsKey, settings, changedShares, wholeWindows, digests, now }: FoldInput): Fold {
  const fingerprints = new Map(Object.entries(parts.fingerprints).map(([start, byShard]) => [Number(start), new Map(Object.entries(byShard))]));
  const merged = new Map(parts.windows.map((window) => [window.start, window]));
  const shares = new Map<number, Map<string, WindowShare>>();
  for (const { start, shard, share, fingerprint } of changedShares) {
    if (wholeWindows.has(start)) continue;
    const windowShares = shares.get(start) ?? new Map<string, WindowShare>();
    windowShares.set(shard, share);
    shares.set(start, windowShares);
    const windowFingerprints = fingerprints.get(start) ?? new Map<string, number>();
    windowFingerprints.set(shard, fingerprint);
    fingerprints.set(start, windowFingerprints);
  }
  for (const [start, changed] of shares) merged.set(start, mergedWindow(start, [...new Map([...Object.entries(keptShares.get(start) ?? {}), ...changed]).values()]));
  for (const [start, shards] of wholeWindows) merged.set(start, mergedWindow(start, shards.map(shareOf)));
  const windows = sparklineSpan([...merged.values()]);
  const keptStarts = new Set([...fingerprints.keys()].sort((a, b) => b - a).slice(0, OPEN_WINDOWS_KEPT));
  const dropped = Object.keys(parts.fingerprints).map(Number).filter((start) => !keptStarts.has(start));
  for (const start of shares.keys()) if (!keptStarts.has(start)) shares.delete(start);

  const shards = new Map(parts.settings === settingsKey ? Object.entries(parts.shards) : []);
  for (const digest of digests) shards.set(String(digest.shard), shardPartOf(digest, settings, now));
  const shardParts = [...shards.values()];
  const nextChanges = shardParts.flatMap((part) => (part.nextChangeAt === null ? [] : [part.nextChangeAt]));

  return {
    parts: {
      settings: settingsKey,
      shards: Object.fromEntries(shards),
      fingerprints: Object.fromEntries([...keptStarts].map((start) => [String(start), Object.fromEntries(fingerprints.get(start) ?? [])])),
      windows,
    },
    shares,
    dropped,
    judged: digests.map((digest) => String(digest.shard)),
    summary: summaryOf(windows, shardParts, now),
    nextFoldAt: nextChanges.length === 0 ? null : Math.min(...nextChanges),
  };
}

function cardAggregates(metrics: Readonly<Record<string, Aggregate>>): Partial<Record<CardMetric, Aggregate>> {
  return Object.fromEntries(CARD_METRICS.flatMap((metric) => {
    const aggregate = ownValue(metrics, metric);
    return aggregate === undefined ? [] : [[metric, aggregate] as const];
  }));
}

/** A fleet document's 10 s window as a share of the fleet's: its card metrics and errors. */
export function shareOf(window: HostWindow): WindowShare {
  return { metrics: cardAggregates(window.metrics), errors: window.errorCount };
}

/** A window's shares summed, by the contracts' one merge. */
export function mergedWindow(start: number, shares: readonly WindowShare[]): LiveWindow {
  const metrics: Partial<Record<CardMetric, Aggregate>> = {};
  for (const metric of CARD_METRICS) {
    const sum = shares.reduce<Aggregate | undefined>((total, share) => mergeAggregates(total, share.metrics[metric]), undefined);
    if (sum !== undefined) metrics[metric] = sum;
  }
  return { start, end: start + WINDOW_MS, metrics, errors: shares.reduce((total, share) => total + share.errors, 0) };
}

/** The windows within the sparkline's span of the newest, oldest first. */
function sparklineSpan(windows: readonly LiveWindow[]): LiveWindow[] {
  const newest = Math.max(...windows.map((window) => window.start));
  return windows.filter((window) => window.start > newest - SPARKLINE_WINDOWS * WINDOW_MS).sort((a, b) => a.start - b.start);
}

const byValue = (a: SeenTopHost, b: SeenTopHost) => b.value - a.value || a.host.localeCompare(b.host);

/** One shard's digests judged at `now`: its hosts by status, when that next changes, its top hosts and recent reporters. */
export function shardPartOf(digests: HostDigestsDoc, settings: FleetSettings, now: number): ShardPart {
  const statuses: HostStatus[] = [];
  const changes: number[] = [];
  const cpu: SeenTopHost[] = [];
  const errors: SeenTopHost[] = [];
  const reporting: Partial<Record<CardMetric, Record<string, number>>> = {};
  const recentFrom = windowStart(now, '10s') - (OPEN_WINDOWS_KEPT - 1) * WINDOW_MS;
  for (const [host, digest] of Object.entries(digests.hosts)) {
    const fields = statusFields(digest);
    statuses.push(hostStatus(fields, settings, now));
    const change = nextStatusChange(fields, settings, now);
    if (change !== null) changes.push(change);
    const hostCpu = ownValue(digest.metrics, 'cpu');
    if (hostCpu !== undefined) cpu.push({ host, value: hostCpu.value, lastSeen: digest.lastSeen });
    if (digest.errorsPerMinute >= LEAST_SHOWN_ERROR_RATE) errors.push({ host, value: digest.errorsPerMinute, lastSeen: digest.lastSeen });
    for (const metric of CARD_METRICS) {
      const ts = ownValue(digest.metrics, metric)?.ts;
      if (ts === undefined || ts < recentFrom) continue;
      const byStart = (reporting[metric] ??= {});
      const start = String(windowStart(ts, '10s'));
      byStart[start] = (ownValue(byStart, start) ?? 0) + 1;
    }
  }
  return {
    health: countByStatus(statuses),
    hosts: statuses.length,
    nextChangeAt: changes.length === 0 ? null : Math.min(...changes),
    topByCpu: cpu.sort(byValue).slice(0, TOP_HOSTS),
    topByErrors: errors.sort(byValue).slice(0, TOP_HOSTS),
    reporting,
  };
}

/**
 * The top hosts of every shard: a host whose batches chose two shards is in both, and its entry
 * with the newest report is its value.
 */
function topOf(entries: readonly SeenTopHost[]) {
  const newest = new Map<string, SeenTopHost>();
  for (const entry of entries) {
    if (entry.lastSeen > (newest.get(entry.host)?.lastSeen ?? Number.NEGATIVE_INFINITY)) newest.set(entry.host, entry);
  }
  return [...newest.values()].sort(byValue).slice(0, TOP_HOSTS).map(({ host, value }) => ({ host, value }));
}

function summaryOf(windows: readonly LiveWindow[], shardParts: readonly ShardPart[], now: number): LiveOverviewDoc {
  const health = countByStatus([]);
  for (const part of shardParts) for (const status of HOST_STATUSES) health[status] += part.health[status];
  const newestStart = windows.at(-1)?.start;
  const reporting: Partial<Record<CardMetric, number>> = {};
  for (const metric of CARD_METRICS) {
    reporting[metric] = newestStart === undefined ? 0 : shardParts.reduce((total, part) =>
      total + Object.entries(part.reporting[metric] ?? {}).reduce((sum, [start, hosts]) => (Number(start) >= newestStart ? sum + hosts : sum), 0), 0);
  }
  return {
    foldedAt: now,
    windows: [...windows],
    reporting,
    health,
    hostCount: shardParts.reduce((total, part) => total + part.hosts, 0),
    topByCpu: topOf(shardParts.flatMap((part) => part.topByCpu)),
    topByErrors: topOf(shardParts.flatMap((part) => part.topByErrors)),
  };
}
