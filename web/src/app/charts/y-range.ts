import type { MetricDescription } from '@pulseboard/contracts';

/** The smallest and largest value a chart's data holds; null for a chart with no value yet. */
export interface DataExtent {
  readonly min: number | null;
  readonly max: number | null;
}

/** Above the highest value or level when the axis is not pinned to a metric's range, so the line never touches the top. */
const HEADROOM = 1.05;

/**
 * A chart's y axis. A metric whose range is bounded (CPU: 0-100 %) always shows its whole range, so a
 * host at 30 % does not look saturated; an open-ended one runs from zero (or below, for negative
 * values) to above its highest value and its critical level, so the threshold lines stay in view.
 * Values or levels outside a bounded range widen the axis rather than leave the chart.
 */
export function chartYRange(data: DataExtent, critical: number | null, range: MetricDescription['range']): [number, number] {
  const bottom = Math.min(data.min ?? 0, Number.isFinite(range.min) ? range.min : 0, 0);
  const highest = Math.max(data.max ?? 0, critical ?? Number.NEGATIVE_INFINITY, 1);
  if (Number.isFinite(range.max) && highest <= range.max) return [bottom, range.max];
  return [bottom, highest * HEADROOM];
}
