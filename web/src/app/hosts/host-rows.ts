import {
  DEFAULT_TENANT_SETTINGS,
  DIGEST_METRICS,
  ERROR_RATE_METRIC,
  levelOf,
  ownValue,
  recordOf,
  type HostDigest,
  type HostDoc,
  type TenantDoc,
  type ThresholdLevels,
} from '@pulseboard/contracts';

export const HOST_STATUSES = ['critical', 'warning', 'stale', 'silenced', 'ok'] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

/** The tenant settings a row needs. */
export type FleetSettings = Pick<TenantDoc, 'thresholds' | 'staleAfterSeconds'>;

/** Staleness is a matter of seconds: a view of host statuses re-evaluates them this often even when nothing arrives. */
export const STATUS_TICK_MS = 1_000;

/** What a tenant without its own settings gets: the defaults a new tenant starts with, which ingest and the sweep assume too. */
export const FALLBACK_SETTINGS: FleetSettings = DEFAULT_TENANT_SETTINGS;

/** What a host's row is derived from: its document, or its digest (the overview) and its name. */
export type HostState = HostDigest & Pick<HostDoc, 'host'>;

/** One line of the hosts table: display values only, derived from the host document or digest. */
export interface HostRow {
  readonly host: string;
  /**
   * The newest value of each metric the host reports, and its error rate under ERROR_RATE_METRIC:
   * names are the agents', so the record has no prototype; read it with metricValue.
   */
  readonly values: Readonly<Record<string, number>>;
  /** Errors per minute as ingest last computed them: the error-rate metric the thresholds and alerts speak of. */
  readonly errors: number;
  readonly lastSeen: number;
  readonly status: HostStatus;
  /** Per-host overrides only, by metric (no prototype); a metric without one follows the tenant default (overrideOf). */
  readonly overrides: Readonly<Record<string, ThresholdLevels>>;
  readonly silencedUntil: number | null;
}

export function metricValue(row: Pick<HostRow, 'values'>, metric: string): number | null {
  return ownValue(row.values, metric) ?? null;
}

export function overrideOf(row: Pick<HostRow, 'overrides'>, metric: string): ThresholdLevels | null {
  return ownValue(row.overrides, metric) ?? null;
}

/** The levels in force: the host's own, else the tenant's, else none. */
export function effectiveLevels(override: ThresholdLevels | null, settings: FleetSettings, metric: string): ThresholdLevels | null {
  return override ?? ownValue(settings.thresholds, metric) ?? null;
}

const SEVERITY: Record<HostStatus, number> = { critical: 4, warning: 3, stale: 2, silenced: 1, ok: 0 };

/**
 * Silence hides the metric levels (that is what an operator silences) but a host that stopped
 * reporting still shows as stale: silence must not hide a dead host. The levels are those of
 * DIGEST_METRICS, the metrics every view of a host holds, so the overview and the table agree;
 * any other metric's breach shows through its alert.
 */
export function hostStatus(row: Pick<HostRow, 'values' | 'overrides' | 'lastSeen' | 'silencedUntil'>, settings: FleetSettings, now: number): HostStatus {
  if (now - row.lastSeen > settings.staleAfterSeconds * 1_000) return 'stale';
  if (row.silencedUntil !== null && row.silencedUntil > now) return 'silenced';
  let worst: HostStatus = 'ok';
  for (const metric of DIGEST_METRICS) {
    const value = metricValue(row, metric);
    const levels = effectiveLevels(overrideOf(row, metric), settings, metric);
    const status = value === null || levels === null ? 'ok' : (levelOf(value, levels) ?? 'ok');
    if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}

export function toHostRow(doc: HostState, settings: FleetSettings, now: number): HostRow {
  const values = recordOf([...Object.entries(doc.metrics).map(([metric, sample]) => [metric, sample.value] as const), [ERROR_RATE_METRIC, doc.errorsPerMinute]]);
  const fields = { values, lastSeen: doc.lastSeen, silencedUntil: doc.silencedUntil, overrides: recordOf(Object.entries(doc.thresholds)) };
  return { host: doc.host, errors: doc.errorsPerMinute, status: hostStatus(fields, settings, now), ...fields };
}

/** How many of the rows are in each status. */
export function countByStatus(rows: readonly Pick<HostRow, 'status'>[]): Record<HostStatus, number> {
  const counts = Object.fromEntries(HOST_STATUSES.map((status) => [status, 0])) as Record<HostStatus, number>;
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

/** Sorting by a metric's column: `metric:` and the metric's name, which may be any safe name. */
export type MetricSortKey = `metric:${string}`;
export function metricSortKey(metric: string): MetricSortKey {
  return `metric:${metric}`;
}
export type SortKey = 'host' | 'status' | 'lastSeen' | MetricSortKey;
export type SortDirection = 'asc' | 'desc';

function sortValue(key: 'lastSeen' | MetricSortKey, row: HostRow): number | null {
  return key === 'lastSeen' ? row.lastSeen : metricValue(row, key.slice('metric:'.length));
}

function compareBy(key: SortKey, a: HostRow, b: HostRow): number {
  if (key === 'host') return a.host.localeCompare(b.host);
  if (key === 'status') return SEVERITY[a.status] - SEVERITY[b.status];
  // Hosts that never reported a metric sort below every number in either direction.
  return (sortValue(key, a) ?? Number.NEGATIVE_INFINITY) - (sortValue(key, b) ?? Number.NEGATIVE_INFINITY);
}

export interface RowQuery {
  readonly text: string;
  readonly status: HostStatus | null;
  readonly sortBy: SortKey;
  readonly direction: SortDirection;
}

/** Filters by host name and status, then sorts; the host name breaks ties so rows never jump. */
export function selectRows(rows: readonly HostRow[], { text, status, sortBy, direction }: RowQuery): HostRow[] {
  const needle = text.trim().toLowerCase();
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .filter((row) => (status === null || row.status === status) && row.host.toLowerCase().includes(needle))
    .sort((a, b) => sign * compareBy(sortBy, a, b) || a.host.localeCompare(b.host));
}
