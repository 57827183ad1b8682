import { RESOLUTIONS, describeMetric, windowFigure, type CardMetric, type LiveWindow } from '@pulseboard/contracts';

const WINDOW_MS = RESOLUTIONS['10s'].ms;

/**
 * A card's figure for one window of the live summary, by the metric's registry description
 * (windowFigure): rates and counters are taken over the part of the window elapsed so far, since a
 * window still filling would otherwise read low; a total gauge counts the hosts reporting in it.
 */
export function fleetFigure(metric: CardMetric, window: LiveWindow, now: number, reportingHosts: number): number | null {
  const elapsedMs = Math.min(Math.max(now - window.start, 1_000), WINDOW_MS);
  return windowFigure(describeMetric(metric), { aggregate: window.metrics[metric], errorCount: window.errors, elapsedMs, reportingHosts });
}
