import { NO_DATA_METRIC, type AlertDoc } from '@pulseboard/contracts';
import { alertId, type StoredAlert } from './evaluate-alert';

/**
 * A host silent for this many stale-after periods has its threshold alerts resolved as
 * `host-silent`: their values can no longer change, and an alert nobody can clear is noise.
 */
export const SILENT_EXPIRY_FACTOR = 10;

export interface SilentHostInputs {
  host: string;
  /** The host's last report, as read in the transaction (it may have reported since the query). */
  lastSeen: number;
  silencedUntil: number | null;
  /** A maintenance window holds the host at `now` (its id), or null: like a silence, it opens no no-data alert. */
  maintenance: string | null;
  staleAfterMs: number;
  now: number;
  /** The host's open or acknowledged alerts, by metric. */
  active: ReadonlyMap<string, StoredAlert>;
}

export interface SilentHostDecision {
  /** Every alert document to write, by id. */
  changed: Map<string, AlertDoc>;
  /** The host's activeAlerts pointers to change: metric -> alert id, or null to remove. */
  pointers: Map<string, string | null>;
}

const secondsBetween = (from: number, to: number): number => Math.floor((to - from) / 1000);

/**
 * What the sweep does to one host: a host silent past its stale-after period opens a `no-data`
 * alert (unless silenced or under maintenance, or one is already open); past SILENT_EXPIRY_FACTOR periods its threshold
 * alerts resolve with the reason. A host that reported since it was queried changes nothing, so
 * the decision is safe to repeat.
 */
export function decideSilentHost(inputs: SilentHostInputs): SilentHostDecision {
  const { host, lastSeen, silencedUntil, maintenance, staleAfterMs, now, active } = inputs;
  const changed = new Map<string, AlertDoc>();
  const pointers = new Map<string, string | null>();
  const silentMs = now - lastSeen;
  if (silentMs < staleAfterMs) return { changed, pointers };

  const silenced = (silencedUntil !== null && silencedUntil > now) || maintenance !== null;
  if (!active.has(NO_DATA_METRIC) && !silenced) {
    const id = alertId(host, NO_DATA_METRIC, lastSeen);
    const silentSeconds = secondsBetween(lastSeen, now);
    changed.set(id, {
      host,
      metric: NO_DATA_METRIC,
      level: 'warning',
      state: 'open',
      threshold: Math.floor(staleAfterMs / 1000),
      peak: silentSeconds,
      lastValue: silentSeconds,
      openedAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      updatedAt: now,
    });
    pointers.set(NO_DATA_METRIC, id);
  }
  if (silentMs >= staleAfterMs * SILENT_EXPIRY_FACTOR) {
    for (const [metric, alert] of active) {
      if (metric === NO_DATA_METRIC) continue;
      changed.set(alert.id, { ...alert.doc, state: 'resolved', resolvedAt: now, resolvedReason: 'host-silent', updatedAt: now });
      pointers.set(metric, null);
    }
  }
  return { changed, pointers };
}

/** Ingest's half: the host reported again at `ts`, so its open no-data alert, if any, resolves. */
export function resolveNoData(active: StoredAlert | null, ts: number): StoredAlert | null {
  if (active === null) return null;
  return { id: active.id, doc: { ...active.doc, state: 'resolved', resolvedAt: ts, resolvedReason: 'data-returned', updatedAt: ts } };
}
