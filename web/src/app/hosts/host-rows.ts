import {
  DEFAULT_TENANT_SETTINGS,
  hostStatus,
  nextStatusChange,
  ownValue,
  STATUS_SEVERITY,
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

/**
 * A host as the hosts table holds it before its status is judged: its name, its error rate, and the
 * fields its status is judged on (StatusFields): the newest value of each metric it reports and its
 * error rate under ERROR_RATE_METRIC (names are the agents', so the record has no prototype: read it
 * with metricValue), its own overrides only (a metric without one follows the tenant default:
 * overrideOf), its times. Made once per row a page or a host document gives (tableHostOfRow): an
 * opening table makes its pages' rows so in their validation's slices (validatedPage), and its
 * judging (TableRows) then only judges.
 */
export interface TableHost extends StatusFields {
  readonly host: string;
  /** Errors per minute as ingest last computed them: the error-rate metric the thresholds and alerts speak of. */
  readonly errors: number;
}

/** One line of the hosts table: display values only, a host and its status. */
export interface HostRow extends TableHost {
  readonly status: HostStatus;
}

export function metricValue(row: Pick<HostRow, 'values'>, metric: string): number | null {
  return ownValue(row.values, metric) ?? null;
}

export function overrideOf(row: Pick<HostRow, 'overrides'>, metric: string): ThresholdLevels | null {
  return ownValue(row.overrides, metric) ?? null;
}

/** A page's row of a host as the table holds it. */
export function tableHostOfRow(host: string, row: HostTableRow): TableHost {
  return { host, errors: row.errorsPerMinute, ...tableRowFields(row) };
}

/** A host document (or a digest and its name) as a table row: every metric it keeps, its own overrides and silence. */
export function tableHostOf(doc: HostState): TableHost {
  return { host: doc.host, errors: doc.errorsPerMinute, ...statusFields(doc) };
}

/** A host's row: the host judged by the settings at `now`. */
export function toTableRow(host: TableHost, settings: FleetSettings, now: number): HostRow {
  return { ...host, status: hostStatus(host, settings, now) };
}

export function toHostRow(doc: HostState, settings: FleetSettings, now: number): HostRow {
  return toTableRow(tableHostOf(doc), settings, now);
}

/** A page of the hosts table, its rows by host name: as stored (HostTableRow), or as the table holds them (TableHost). */
export type TablePage<Row> = { readonly hosts: Readonly<Record<string, Row>> } | null;

/** Each host of the pages, once: its newest row (greatest lastSeen) when two pages hold it. */
function newestRows<Row extends { readonly lastSeen: number }>(pages: readonly TablePage<Row>[]): Map<string, Row> {
  const newest = new Map<string, Row>();
  for (const page of pages) {
    for (const [host, row] of Object.entries(page?.hosts ?? {})) {
      if (row.lastSeen > (newest.get(host)?.lastSeen ?? Number.NEGATIVE_INFINITY)) newest.set(host, row);
    }
  }
  return newest;
}

/**
 * Every host of the table's pages, once: a host whose batches chose shards of two pages is on both,
 * and its newest row (greatest lastSeen) is its state, as the overview's fold counts it.
 */
export function hostsOfPages(pages: readonly TablePage<HostTableRow>[]): TableHost[] {
  return Array.from(newestRows(pages), ([host, row]) => tableHostOfRow(host, row));
}

/** Same record contents (a row's values or overrides: a handful of entries, DIGEST_OTHER_METRICS bounds them). */
function sameRecord<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>, same: (x: T, y: T) => boolean): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && same(a[key] as T, b[key] as T));
}

/** Whether a host's row says what its previous row said (its values hold its error rate). */
export function sameTableHost(a: TableHost, b: TableHost): boolean {
  return (
    a.lastSeen === b.lastSeen &&
    a.errors === b.errors &&
    a.silencedUntil === b.silencedUntil &&
    sameRecord(a.values, b.values, (x, y) => x === y) &&
    sameRecord(a.overrides, b.overrides, (x, y) => x.warning === y.warning && x.critical === y.critical)
  );
}

/**
 * hostsOfPages for a listener of the pages, whose rows validatedPage has made TableHosts: a host
 * whose row did not change keeps its object from one snapshot to the next (a page rewritten each
 * second carries its 400 unchanged rows anew), so the table judges, sorts and renders again only
 * the hosts that changed. One per listener; it holds the hosts of its last pages only.
 */
export class TableHostsOfPages {
  private previous = new Map<string, TableHost>();

  merge(pages: readonly TablePage<TableHost>[]): TableHost[] {
    const next = new Map<string, TableHost>();
    for (const [name, host] of newestRows(pages)) {
      const before = this.previous.get(name);
      next.set(name, before !== undefined && (before === host || sameTableHost(before, host)) ? before : host);
    }
    this.previous = next;
    return Array.from(next.values());
  }
}

/** A host's row as TableRows keeps it: what it was judged from, and until when it holds. */
interface Kept {
  readonly source: TableHost;
  readonly row: HostRow;
  readonly until: number;
}

/**
 * The rows of the table's hosts at `now`, kept from one call to the next: a host's row is judged
 * again only when its TableHost object changed (TableHostsOfPages keeps it while its row does not),
 * the settings changed, or `now` reached the host's next status change (staleness, the end of a
 * silence: nextStatusChange), so a clock tick or one page's snapshot re-judges few of 2,000 hosts and
 * an unchanged row keeps its object. One per table; it holds the rows of its last hosts only.
 */
export class TableRows {
  private kept = new Map<string, Kept>();
  private settings: FleetSettings | null = null;

  rowsOf(hosts: readonly TableHost[], settings: FleetSettings, now: number): HostRow[] {
    if (settings !== this.settings) {
      this.kept = new Map();
      this.settings = settings;
    }
    const rows = hosts.map((host) => {
      const before = this.kept.get(host.host);
      if (before !== undefined && before.source === host && now < before.until) return before.row;
      const row = toTableRow(host, settings, now);
      // A host already stale changes only with a report, which is a new TableHost.
      this.kept.set(host.host, { source: host, row, until: nextStatusChange(host, settings, now) ?? Number.POSITIVE_INFINITY });
      return row;
    });
    // Hosts gone from the pages are forgotten: the rows kept never outnumber the hosts shown.
    if (this.kept.size > hosts.length) this.kept = new Map(hosts.map((host) => [host.host, this.kept.get(host.host) as Kept]));
    return rows;
  }
}

/** Same rows in the same order, object for object: what lets an unchanged table skip its sort and render. */
export function sameRows(a: readonly HostRow[], b: readonly HostRow[]): boolean {
  return a.length === b.length && a.every((row, index) => row === b[index]);
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

/** What a row is sorted on: a name, a severity or a number; a metric a host never reported sorts below every number. */
function sortValue(key: SortKey, row: HostRow): string | number {
  if (key === 'host') return row.host;
  if (key === 'status') return STATUS_SEVERITY[row.status];
  if (key === 'lastSeen') return row.lastSeen;
  return metricValue(row, key.slice('metric:'.length)) ?? Number.NEGATIVE_INFINITY;
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  // Both numbers (one key gives one type); -Infinity minus -Infinity is NaN, which is a tie.
  return (a as number) - (b as number) || 0;
}

export interface RowQuery {
  readonly text: string;
  readonly status: HostStatus | null;
  readonly sortBy: SortKey;
  readonly direction: SortDirection;
}

/**
 * Filters by host name and status, then sorts; the host name breaks ties so rows never jump. Each
 * row's sort value is read once, not at each of the sort's comparisons.
 */
export function selectRows(rows: readonly HostRow[], { text, status, sortBy, direction }: RowQuery): HostRow[] {
  const needle = text.trim().toLowerCase();
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .filter((row) => (status === null || row.status === status) && (needle === '' || row.host.toLowerCase().includes(needle)))
    .map((row) => ({ row, value: sortValue(sortBy, row) }))
    .sort((a, b) => sign * compareValues(a.value, b.value) || a.row.host.localeCompare(b.row.host))
    .map(({ row }) => row);
}
