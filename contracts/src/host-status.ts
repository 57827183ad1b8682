import { DIGEST_METRICS, type HostDigest, type TenantDoc } from './documents';
import { ERROR_RATE_METRIC } from './metric-registry';
import { ownValue, recordOf } from './records';
import { levelOf, type ThresholdLevels } from './thresholds';

/**
 * A host's status, in every view (hosts table, overview, workspaces) and in the live overview's
 * fold, which counts the fleet by it: one definition for the browser and the functions.
 */
export const HOST_STATUSES = ['critical', 'warning', 'stale', 'silenced', 'ok'] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

/** The tenant settings a status needs. */
export type FleetSettings = Pick<TenantDoc, 'thresholds' | 'staleAfterSeconds'>;

/** What a status is judged on: a host's values by metric (its error rate under ERROR_RATE_METRIC), overrides and times. */
export interface StatusFields {
  /** Names are the agents': a record without a prototype, read with ownValue. */
  readonly values: Readonly<Record<string, number>>;
  readonly overrides: Readonly<Record<string, ThresholdLevels>>;
  readonly lastSeen: number;
  readonly silencedUntil: number | null;
}

export const STATUS_SEVERITY: Record<HostStatus, number> = { critical: 4, warning: 3, stale: 2, silenced: 1, ok: 0 };

/** A host digest (or document) as the fields its status is judged on. */
export function statusFields(digest: HostDigest): StatusFields {
  const values = recordOf([...Object.entries(digest.metrics).map(([metric, sample]) => [metric, sample.value] as const), [ERROR_RATE_METRIC, digest.errorsPerMinute]]);
  return { values, lastSeen: digest.lastSeen, silencedUntil: digest.silencedUntil, overrides: recordOf(Object.entries(digest.thresholds)) };
}

/** The levels in force: the host's own, else the tenant's, else none. */
export function effectiveLevels(override: ThresholdLevels | null, settings: FleetSettings, metric: string): ThresholdLevels | null {
  return override ?? ownValue(settings.thresholds, metric) ?? null;
}

/** When a host is stale from: its last report plus the tenant's staleness period. */
export function staleFrom(fields: Pick<StatusFields, 'lastSeen'>, settings: FleetSettings): number {
  return fields.lastSeen + settings.staleAfterSeconds * 1_000;
}

/**
 * Silence hides the metric levels (that is what an operator silences) but a host that stopped
 * reporting still shows as stale: silence must not hide a dead host. The levels are those of
 * DIGEST_METRICS, the metrics every view of a host holds, so the overview and the table agree;
 * any other metric's breach shows through its alert.
 */
export function hostStatus(fields: StatusFields, settings: FleetSettings, now: number): HostStatus {
  if (now > staleFrom(fields, settings)) return 'stale';
  if (fields.silencedUntil !== null && fields.silencedUntil > now) return 'silenced';
  let worst: HostStatus = 'ok';
  for (const metric of DIGEST_METRICS) {
    const value = ownValue(fields.values, metric);
    const levels = effectiveLevels(ownValue(fields.overrides, metric) ?? null, settings, metric);
    const status = value === undefined || levels === null ? 'ok' : (levelOf(value, levels) ?? 'ok');
    if (STATUS_SEVERITY[status] > STATUS_SEVERITY[worst]) worst = status;
  }
  return worst;
}

/**
 * The first time after `now` at which the host's status changes with no new report: when it turns
 * stale, or its silence ends first. Null for a host already stale, which only a report changes.
 */
export function nextStatusChange(fields: StatusFields, settings: FleetSettings, now: number): number | null {
  const stale = staleFrom(fields, settings);
  if (now > stale) return null;
  const silenceEnds = fields.silencedUntil !== null && fields.silencedUntil > now ? fields.silencedUntil : Number.POSITIVE_INFINITY;
  // hostStatus turns stale strictly after `stale`.
  return Math.min(stale + 1, silenceEnds);
}

/** How many of the hosts are in each status. */
export function countByStatus(statuses: Iterable<HostStatus>): Record<HostStatus, number> {
  const counts = Object.fromEntries(HOST_STATUSES.map((status) => [status, 0])) as Record<HostStatus, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}
