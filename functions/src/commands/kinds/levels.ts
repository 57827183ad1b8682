import { describeMetric, type ThresholdLevels } from '@pulseboard/contracts';

/** Why these levels cannot be applied to this metric, or null when they can. */
export function levelsProblem(metric: string, levels: ThresholdLevels): string | null {
  const { warning, critical } = levels;
  if (!Number.isFinite(warning) || !Number.isFinite(critical)) return 'Levels must be finite numbers.';
  if (warning >= critical) return `The warning level (${warning}) must be below the critical level (${critical}).`;
  // The metric's range in the registry: 0..100 for cpu, at least 0 for any other.
  const { range } = describeMetric(metric);
  if (warning < range.min || critical > range.max) {
    return range.max === Number.POSITIVE_INFINITY
      ? `Levels for ${metric} must be at least ${range.min}.`
      : `Levels for ${metric} must be between ${range.min} and ${range.max}.`;
  }
  return null;
}
