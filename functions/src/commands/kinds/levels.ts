import { ownValue, type ThresholdLevels } from '@pulseboard/contracts';

/** Allowed levels per metric; metrics not listed accept any level >= 0. */
export const METRIC_LEVEL_RANGES: Readonly<Record<string, { min: number; max: number }>> = {
  cpu: { min: 0, max: 100 },
};
const DEFAULT_LEVEL_RANGE = { min: 0, max: Number.POSITIVE_INFINITY };

/** Why these levels cannot be applied to this metric, or null when they can. */
export function levelsProblem(metric: string, levels: ThresholdLevels): string | null {
  const { warning, critical } = levels;
  if (!Number.isFinite(warning) || !Number.isFinite(critical)) return 'Levels must be finite numbers.';
  if (warning >= critical) return `The warning level (${warning}) must be below the critical level (${critical}).`;
  const range = ownValue(METRIC_LEVEL_RANGES, metric) ?? DEFAULT_LEVEL_RANGE;
  if (warning < range.min || critical > range.max) {
    return range.max === Number.POSITIVE_INFINITY
      ? `Levels for ${metric} must be at least ${range.min}.`
      : `Levels for ${metric} must be between ${range.min} and ${range.max}.`;
  }
  return null;
}
