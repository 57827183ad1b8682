import * as z from 'zod';

const level = z.number().refine(Number.isFinite, 'must be a finite number');

/** Alert levels of one metric; an alert opens when the value is at or above a level. */
export const thresholdLevels = z
  .object({ warning: level, critical: level })
  .refine((t) => t.warning < t.critical, { message: 'warning must be below critical', path: ['warning'] });
export type ThresholdLevels = z.infer<typeof thresholdLevels>;

export const ALERT_LEVELS = ['warning', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** The level a value is at: critical at or above critical, warning at or above warning, else none. */
export function levelOf(value: number, levels: ThresholdLevels): AlertLevel | null {
  if (value >= levels.critical) return 'critical';
  return value >= levels.warning ? 'warning' : null;
}

/**
 * The metric of the alert a silent host opens (public contract): an ordinary alert document whose
 * `value`, `peak` and `threshold` are in seconds since the host's last report.
 */
export const NO_DATA_METRIC = 'no-data';
