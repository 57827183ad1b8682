import { DEFAULT_THRESHOLDS, ERROR_RATE_METRIC, type HostDigest, type HostDoc, type TenantDoc, type ThresholdLevels } from '@pulseboard/contracts';

export const HOST_STATUSES = ['critical', 'warning', 'stale', 'silenced', 'ok'] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

/** The metrics whose thresholds the fleet table shows and edits. */
export const EDITABLE_METRICS = ['cpu', ERROR_RATE_METRIC] as const;
export type EditableMetric = (typeof EDITABLE_METRICS)[number];

/** The tenant settings a row needs. */
export type FleetSettings = Pick<TenantDoc, 'thresholds' | 'staleAfterSeconds'>;

/** Staleness is a matter of seconds: a view of host statuses re-evaluates them this often even when nothing arrives. */
export const STATUS_TICK_MS = 1_000;

/** What a tenant without its own settings gets, matching what ingest assumes. */
export const FALLBACK_SETTINGS: FleetSettings = { thresholds: DEFAULT_THRESHOLDS, staleAfterSeconds: 30 };

/** What a host's row is derived from: its document, or its digest (the overview) and its name. */
export type HostState = HostDigest & Pick<HostDoc, 'host'>;

/** One line of the hosts table: display values only, derived from the host document. */
export interface HostRow {
  readonly host: string;
  readonly cpu: number | null;
  readonly requests: number | null;
  readonly activeUsers: number | null;
  /** Errors per minute as ingest last computed them: the error-rate metric the thresholds and alerts speak of. */
  readonly errors: number;
  readonly lastSeen: number;
  readonly status: HostStatus;
  /** Per-host overrides only; null means the metric follows the tenant default. */
  readonly overrides: Readonly<Record<EditableMetric, ThresholdLevels | null>>;
  readonly silencedUntil: number | null;
}

/** The levels in force: the host's own, else the tenant's, else none. */
export function effectiveLevels(
  override: ThresholdLevels | null,
  settings: FleetSettings,
  metric: string,
): ThresholdLevels | null {
  return override ?? settings.thresholds[metric] ?? null;
}

function levelOf(value: number | null, levels: ThresholdLevels | null): HostStatus {
  if (value === null || levels === null) return 'ok';
  if (value >= levels.critical) return 'critical';
  return value >= levels.warning ? 'warning' : 'ok';
}

const SEVERITY: Record<HostStatus, number> = { critical: 4, warning: 3, stale: 2, silenced: 1, ok: 0 };

/**
 * Silence hides the metric levels (that is what an operator silences) but a host that stopped
 * reporting still shows as stale: silence must not hide a dead host.
 */
export function hostStatus(
  values: Readonly<Record<EditableMetric, number | null>>,
  overrides: Readonly<Record<EditableMetric, ThresholdLevels | null>>,
  settings: FleetSettings,
  lastSeen: number,
  silencedUntil: number | null,
  now: number,
): HostStatus {
  if (now - lastSeen > settings.staleAfterSeconds * 1_000) return 'stale';
  if (silencedUntil !== null && silencedUntil > now) return 'silenced';
  return EDITABLE_METRICS.map((metric) => levelOf(values[metric], effectiveLevels(overrides[metric], settings, metric)))
    .reduce((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst), 'ok' as HostStatus);
}

export function toHostRow(doc: HostState, settings: FleetSettings, now: number): HostRow {
  const value = (metric: string) => doc.metrics[metric]?.value ?? null;
  const overrides = {
    cpu: doc.thresholds['cpu'] ?? null,
    [ERROR_RATE_METRIC]: doc.thresholds[ERROR_RATE_METRIC] ?? null,
  } satisfies Record<EditableMetric, ThresholdLevels | null>;
  const errors = doc.errorsPerMinute;
  const cpu = value('cpu');
  return {
    host: doc.host,
    cpu,
    requests: value('requests'),
    activeUsers: value('active_users'),
    errors,
    lastSeen: doc.lastSeen,
    status: hostStatus({ cpu, [ERROR_RATE_METRIC]: errors }, overrides, settings, doc.lastSeen, doc.silencedUntil, now),
    overrides,
    silencedUntil: doc.silencedUntil,
  };
}

/** How many of the rows are in each status. */
export function countByStatus(rows: readonly Pick<HostRow, 'status'>[]): Record<HostStatus, number> {
  const counts = Object.fromEntries(HOST_STATUSES.map((status) => [status, 0])) as Record<HostStatus, number>;
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

export const SORT_KEYS = ['host', 'status', 'cpu', 'requests', 'activeUsers', 'errors', 'lastSeen'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

function compareBy(key: SortKey, a: HostRow, b: HostRow): number {
  if (key === 'host') return a.host.localeCompare(b.host);
  if (key === 'status') return SEVERITY[a.status] - SEVERITY[b.status];
  // Hosts that never reported a metric sort below every number in either direction.
  const left = a[key] ?? Number.NEGATIVE_INFINITY;
  const right = b[key] ?? Number.NEGATIVE_INFINITY;
  return left - right;
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
