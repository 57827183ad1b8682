import { levelOf, type AlertDoc, type ThresholdLevels } from '@pulseboard/contracts';

/**
 * Hysteresis: an alert clears only once the value falls 10% (of the warning level's magnitude)
 * below the warning level, so a value hovering at the threshold does not flap open/resolved.
 */
export const CLEAR_MARGIN_FRACTION = 0.1;

export function clearBelow(levels: ThresholdLevels): number {
  return levels.warning - CLEAR_MARGIN_FRACTION * Math.abs(levels.warning);
}

export interface MetricSample {
  value: number;
  ts: number;
}

export interface StoredAlert {
  id: string;
  doc: AlertDoc;
}

export interface AlertInputs {
  host: string;
  metric: string;
  /** Host override, else tenant default; undefined when the metric has no thresholds. */
  levels: ThresholdLevels | undefined;
  sustainMs: number;
  /** The host is silenced: no new alert opens (the open one still updates and resolves). */
  silenced: boolean;
  /** When the value last started to stay at or above warning, if it still does. */
  breachingSince: number | null;
  /** The host's one open-or-acknowledged alert for this metric. */
  active: StoredAlert | null;
  /** This batch's samples of the metric, oldest first. */
  samples: readonly MetricSample[];
}

export interface AlertOutcome {
  breachingSince: number | null;
  active: StoredAlert | null;
  /** Every alert document this evaluation changed, by id (a resolved one and a newly opened one at most). */
  changed: Map<string, AlertDoc>;
}

/**
 * Deterministic: a retried evaluation of the same breach names the same alert. Injective: host and
 * metric names may both hold `_`, so the host goes first behind its length (`5.h_x_1_cpu_…` is host
 * `h_x_1`), the breach start, a number, is last, and the metric is what lies between.
 */
export function alertId(host: string, metric: string, breachStart: number): string {
  return `${host.length}.${host}_${metric}_${breachStart}`;
}

/**
 * Walks a metric's samples through the alert state machine: a breach must last sustainMs before
 * an alert opens; an open alert records peak and last value, escalates warning -> critical in
 * place, and resolves itself once the value is below the hysteresis line.
 */
export function evaluateAlert(inputs: AlertInputs): AlertOutcome {
  const { host, metric, levels, sustainMs, silenced } = inputs;
  let { breachingSince, active } = inputs;
  const changed = new Map<string, AlertDoc>();
  const save = (alert: StoredAlert) => changed.set(alert.id, alert.doc);

  for (const { value, ts } of inputs.samples) {
    const level = levels === undefined ? null : levelOf(value, levels);
    if (active !== null) {
      const doc: AlertDoc = { ...active.doc, lastValue: value, peak: Math.max(active.doc.peak, value), updatedAt: ts };
      if (level === 'critical' && doc.level === 'warning' && levels !== undefined) {
        doc.level = 'critical';
        doc.threshold = levels.critical;
      }
      const clears = levels === undefined || value < clearBelow(levels);
      if (clears) {
        doc.state = 'resolved';
        doc.resolvedAt = ts;
      }
      save({ id: active.id, doc });
      active = clears ? null : { id: active.id, doc };
      breachingSince = clears ? null : breachingSince;
      continue;
    }
    if (level === null || levels === undefined) {
      breachingSince = null;
      continue;
    }
    breachingSince ??= ts;
    if (silenced || ts - breachingSince < sustainMs) continue;
    active = {
      id: alertId(host, metric, breachingSince),
      doc: {
        host,
        metric,
        level,
        state: 'open',
        threshold: levels[level],
        peak: value,
        lastValue: value,
        openedAt: ts,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
        updatedAt: ts,
      },
    };
    save(active);
  }
  return { breachingSince, active, changed };
}
