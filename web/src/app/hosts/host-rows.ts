import {
  DEFAULT_TENANT_SETTINGS,
  hostStatus,
  ownValue,
  STATUS_SEVERITY,
  statusFields,
  type FleetSettings,
  type HostDigest,
  type HostDoc,
  type HostStatus,
  type ThresholdLevels,
} from '@pulseboard/contracts';

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

export function toHostRow(doc: HostState, settings: FleetSettings, now: number): HostRow {
  const fields = statusFields(doc);
  return { host: doc.host, errors: doc.errorsPerMinute, status: hostStatus(fields, settings, now), ...fields };
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
  if (key === 'status') return STATUS_SEVERITY[a.status] - STATUS_SEVERITY[b.status];
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
