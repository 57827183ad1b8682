import {
  DEFAULT_TENANT_SETTINGS,
  hostStatus,
  ownValue,
  STATUS_SEVERITY,
  hostTableRowOf,
  statusFields,
  tableRowFields,
  type FleetSettings,
  type HostDigest,
  type HostDoc,
  type HostStatus,
  type HostTableRow,
  type StatusFields,
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

function rowOf(host: string, errors: number, fields: StatusFields, settings: FleetSettings, now: number): HostRow {
  return { host, errors, status: hostStatus(fields, settings, now), ...fields };
}

export function toHostRow(doc: HostState, settings: FleetSettings, now: number): HostRow {
  return rowOf(doc.host, doc.errorsPerMinute, statusFields(doc), settings, now);
}

/** A host as the hosts table's pages list it: its name and its row. */
export type TableHost = HostTableRow & { readonly host: string };

export function toTableRow(host: TableHost, settings: FleetSettings, now: number): HostRow {
  return rowOf(host.host, host.errorsPerMinute, tableRowFields(host), settings, now);
}

/**
 * Every host of the table's pages, once: a host whose batches chose shards of two pages is on both,
 * and its newest row (greatest lastSeen) is its state, as the overview's fold counts it.
 */
export function hostsOfPages(pages: readonly ({ readonly hosts: Readonly<Record<string, HostTableRow>> } | null)[]): TableHost[] {
  const newest = new Map<string, TableHost>();
  for (const page of pages) {
    for (const [host, row] of Object.entries(page?.hosts ?? {})) {
      if (row.lastSeen > (newest.get(host)?.lastSeen ?? Number.NEGATIVE_INFINITY)) newest.set(host, { ...row, host });
    }
  }
  return [...newest.values()];
}

/** A host document as a table row: every metric it keeps, its own overrides and silence. */
export function tableHostOf(doc: HostDoc): TableHost {
  return { host: doc.host, ...hostTableRowOf(doc) };
}

/**
 * The pages' hosts, each replaced by the host's document when one was read at least as new (a
 * threshold or silence a command set shows at once, where the page carries it from the host's next
 * batch on).
 */
export function withHostDocuments(hosts: readonly TableHost[], documents: ReadonlyMap<string, TableHost>): TableHost[] {
  return hosts.map((host) => {
    const doc = documents.get(host.host);
    return doc !== undefined && doc.lastSeen >= host.lastSeen ? doc : host;
  });
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
