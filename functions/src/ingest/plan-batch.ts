import {
  ERROR_RATE_METRIC,
  FLEET_WINDOWS,
  HOST_WINDOWS,
  METRICS_KEPT_PER_HOST,
  NO_DATA_METRIC,
  RESOLUTIONS,
  emptyRecord,
  errorsPerMinute,
  ownValue,
  recordOf,
  windowStart,
  type AlertDoc,
  type FleetChunkDoc,
  type FleetLeafDoc,
  type HostDigest,
  type HostDoc,
  type LatestSample,
  type StoredHostDoc,
  type TenantDoc,
  type WindowChunkDoc,
} from '@pulseboard/contracts';
import { resolveNoData } from '../alerts/decide-silent-host';
import { evaluateAlert, type StoredAlert } from '../alerts/evaluate-alert';
import { rememberBatch } from './applied-batches';
import { hostDigestOf, mergeHostDigests } from './host-digests';
import { isNewestOfHost, samplesDrivingAlerts } from './late-data';
import { newestEntries } from './newest-entries';
import { noRecentWindows, windowsAfterBatch } from './rolling-windows';
import { newestErrors, type HostDelta, type Rollup } from './rollup';
import { countBatch, goesUpper, groupOfLeaf, raisedLevel, type FleetTarget } from './fleet-level';

export type AlertPolicy = Pick<TenantDoc, 'thresholds' | 'sustainSeconds'>;

/** A host document as far as it could be read: a field that failed its contract is missing. */
export type StoredHost = Partial<StoredHostDoc>;

/** Everything the transaction read that the batch's writes depend on. */
export interface StoredState {
  policy: AlertPolicy;
  /** By host name, one for each host of the rollup (missing when new). */
  hosts: ReadonlyMap<string, StoredHost>;
  /** The fleet document the batch adds to, at the tenant's fleet level as the transaction read it. */
  fleetTarget: FleetTarget;
  /** That document as far as it could be read (an unreadable part is missing). */
  fleet: StoredShard;
  /** The unresolved alerts the hosts point at, by id. */
  activeAlerts: ReadonlyMap<string, StoredAlert>;
  /**
   * The batch's hosts under a maintenance window at `now`, with the window's id (absent: none):
   * like a silenced host, such a host opens no new alert; one already open still updates and resolves.
   */
  underMaintenance?: ReadonlyMap<string, string>;
}

/** A fleet shard or leaf document as far as it could be read: its readable windows, digests and batch rate. */
export type StoredShard = Partial<Pick<FleetLeafDoc, 'windows' | 'hosts' | 'batchRate'>>;

/** A host's documents after the batch: its document (state, recent windows, applied batches) and the chunks it archives. */
export interface PlannedHost {
  doc: StoredHostDoc;
  chunks: WindowChunkDoc[];
}

/** The batch's fleet shard or leaf after it: its document (windows, digests, batch rate) and the chunks it archives. */
export interface PlannedShard {
  doc: FleetLeafDoc;
  chunks: FleetChunkDoc[];
  /** The fleet level the batch raises its tenant to (fleet-level.ts); absent: none. */
  raiseLevelTo?: number;
}

/** Every document a batch writes, whole, and the alerts it opens, updates or resolves. */
export interface BatchPlan {
  hosts: PlannedHost[];
  fleet: PlannedShard;
  /** Alert transitions, by alert id: opened, escalated, updated or resolved by this batch. */
  alerts: Map<string, AlertDoc>;
}

/**
 * The writes of one batch, from what its transaction read and the batch's rollup: pure, so every
 * rule (exact aggregates, the late-data rule, the metric bounds, alert transitions, the digest
 * projection, the windows a host and the fleet shard keep and archive, the fleet document's batch rate and the raise
 * of the tenant's fleet level, the batches a host remembers, the repair of
 * unreadable documents, which are read as missing and written whole) is decided here and tested
 * without the emulator. The transaction only reads, plans and writes. `batchId` is remembered by
 * every host the batch writes, with `now` (the time its events were judged at).
 */
export function planBatch(rollup: Rollup, stored: StoredState, now: number, batchId?: string): BatchPlan {
  const alerts = new Map<string, AlertDoc>();
  const freshDigests = emptyRecord<HostDigest>();
  const hosts = [...rollup.hosts.values()].map((delta) => {
    const planned = planHost(delta, stored.hosts.get(delta.host) ?? {}, stored, { now, batchId }, alerts);
    freshDigests[delta.host] = hostDigestOf(planned.doc);
    return planned;
  });
  const { level, leaf } = stored.fleetTarget;
  const windows = windowsAfterBatch(FLEET_WINDOWS, stored.fleet.windows ?? noRecentWindows(), rollup.fleet, now);
  const batchRate = countBatch(stored.fleet.batchRate, level, now, goesUpper(stored.fleetTarget, rollup.firstHost));
  const raiseLevelTo = raisedLevel(batchRate, level);
  const fleet: PlannedShard = {
    doc: { shard: leaf, ...(level > 0 ? { group: groupOfLeaf(leaf) } : {}), windows: windows.recent, hosts: mergeHostDigests(stored.fleet.hosts ?? {}, freshDigests), batchRate },
    chunks: windows.archived.map((chunk) => ({ shard: leaf, ...chunk })),
    ...(raiseLevelTo === undefined ? {} : { raiseLevelTo }),
  };
  return { hosts, fleet, alerts };
}

function planHost(delta: HostDelta, stored: StoredHost, state: StoredState, batch: { now: number; batchId: string | undefined }, alerts: Map<string, AlertDoc>): PlannedHost {
  const windows = windowsAfterBatch(HOST_WINDOWS, stored.windows ?? noRecentWindows(), delta.windows, batch.now);
  // The previous minute is still among the host's windows: they keep 1 m windows past the lateness limit.
  const minute = windowStart(delta.lastSeen, '1m');
  const errorsIn = (start: number) => windows.merged.get(`1m_${start}`)?.errorCount ?? 0;
  const errorRate = { value: errorsPerMinute(delta.lastSeen, errorsIn(minute), errorsIn(minute - RESOLUTIONS['1m'].ms)), ts: delta.lastSeen };
  return {
    doc: {
      ...plannedHostDoc(delta, stored, state, errorRate, batch.now, alerts),
      windows: windows.recent,
      appliedBatches: rememberBatch(stored.appliedBatches ?? [], batch.batchId, batch.now),
    },
    chunks: windows.archived.map((chunk) => ({ host: delta.host, ...chunk })),
  };
}

/** The host document after the batch, and the alert transitions of its metrics into `alerts`. */
function plannedHostDoc(
  delta: HostDelta,
  host: StoredHost,
  { policy, activeAlerts, underMaintenance }: StoredState,
  errorRate: { value: number; ts: number },
  now: number,
  alerts: Map<string, AlertDoc>,
): HostDoc {
  // A batch older than what the host already reported updates its windows, not its current state.
  const current = isNewestOfHost(delta.lastSeen, host.lastSeen);
  const samples = samplesDrivingAlerts(delta.samples, host.metrics, current ? { metric: ERROR_RATE_METRIC, sample: errorRate } : null);
  const silenced = (host.silencedUntil != null && host.silencedUntil > now) || (underMaintenance?.has(delta.host) ?? false);
  const activeIds = recordOf(Object.entries(host.activeAlerts ?? {}));
  const breaches = recordOf(Object.entries(host.breachingSince ?? {}));
  const activeAlert = (metric: string) => {
    const id = ownValue(host.activeAlerts, metric);
    return id === undefined ? null : (activeAlerts.get(id) ?? null);
  };

  for (const [metric, metricSamples] of samples) {
    const outcome = evaluateAlert({
      host: delta.host,
      metric,
      levels: ownValue(host.thresholds, metric) ?? ownValue(policy.thresholds, metric),
      sustainMs: policy.sustainSeconds * 1000,
      silenced,
      breachingSince: ownValue(host.breachingSince, metric) ?? null,
      active: activeAlert(metric),
      samples: metricSamples,
    });
    for (const [id, doc] of outcome.changed) alerts.set(id, doc);
    setOrDelete(activeIds, metric, outcome.active?.id ?? null);
    setOrDelete(breaches, metric, outcome.breachingSince);
  }
  if (current) {
    const resolved = resolveNoData(activeAlert(NO_DATA_METRIC), delta.lastSeen);
    if (resolved !== null) alerts.set(resolved.id, resolved.doc);
    // The host reports: any no-data pointer goes, even one to an alert an operator resolved.
    setOrDelete(activeIds, NO_DATA_METRIC, null);
  }

  // Written whole, as this transaction read it: thresholds and silencedUntil belong to the commands
  // function and go back as read (a command that commits meanwhile makes this attempt retry), and a
  // field that failed its contract is rebuilt, or left out, rather than merged into.
  return {
    host: delta.host,
    lastSeen: Math.max(host.lastSeen ?? 0, delta.lastSeen),
    metrics: latestMetrics(host.metrics ?? {}, delta.latest),
    recentErrors: newestErrors(host.recentErrors ?? [], delta.recentErrors),
    errorsPerMinute: current ? errorRate.value : (host.errorsPerMinute ?? 0),
    thresholds: host.thresholds ?? {},
    silencedUntil: host.silencedUntil ?? null,
    activeAlerts: activeIds,
    breachingSince: breaches,
  };
}

/** The host's newest sample per metric after a batch, at most METRICS_KEPT_PER_HOST of them (the longest-silent go). */
function latestMetrics(storedLatest: Readonly<Record<string, LatestSample>>, batchLatest: Readonly<Record<string, LatestSample>>): Record<string, LatestSample> {
  const latest = emptyRecord<LatestSample>();
  for (const [metric, sample] of [...Object.entries(storedLatest), ...Object.entries(batchLatest)]) {
    const previous = ownValue(latest, metric);
    if (previous === undefined || sample.ts >= previous.ts) latest[metric] = sample;
  }
  return newestEntries(latest, METRICS_KEPT_PER_HOST, (sample) => sample.ts);
}

function setOrDelete<T>(record: Record<string, T>, key: string, value: T | null): void {
  if (value === null) delete record[key];
  else record[key] = value;
}
