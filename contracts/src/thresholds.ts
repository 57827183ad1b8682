import { z } from 'zod';

const level = z.number().refine(Number.isFinite, 'must be a finite number');

/** Alert levels of one metric; an alert opens when the value is at or above a level. */
export const thresholdLevels = z
  .object({ warning: level, critical: level })
  .refine((t) => t.warning < t.critical, { message: 'warning must be below critical', path: ['warning'] });
export type ThresholdLevels = z.infer<typeof thresholdLevels>;

/** The metric name under which error-rate alerts live (errors per minute per host). */
export const ERROR_RATE_METRIC = 'errors';

export const DEFAULT_THRESHOLDS: Record<string, ThresholdLevels> = {
  cpu: { warning: 80, critical: 95 },
  [ERROR_RATE_METRIC]: { warning: 5, critical: 20 },
};

/**
 * The metric of the alert a silent host opens (public contract): an ordinary alert document whose
 * `value`, `peak` and `threshold` are in seconds since the host's last report.
 */
export const NO_DATA_METRIC = 'no-data';
