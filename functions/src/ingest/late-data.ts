import { ownValue, type LatestSample } from '@pulseboard/contracts';
import type { MetricSample } from '../alerts/evaluate-alert';

/**
 * Late data: a sample older than the newest its host document already holds still counts in its
 * windows, but it no longer says what the metric is now, so it must not open, escalate or resolve
 * an alert. These are the samples of a batch that may.
 */
export function samplesNewerThanStored(samples: readonly MetricSample[], stored: LatestSample | undefined): MetricSample[] {
  return stored === undefined ? [...samples] : samples.filter((sample) => sample.ts > stored.ts);
}

/**
 * Whether a batch carries its host's newest event: only then is the error rate at the batch's
 * last event the host's current rate, to store and to judge alerts on.
 */
export function isNewestOfHost(batchLastSeen: number, storedLastSeen: number | undefined): boolean {
  return storedLastSeen === undefined || batchLastSeen >= storedLastSeen;
}

/** Per metric, the samples of a host's batch that drive its alerts (the error rate's only when it is current). */
export function samplesDrivingAlerts(
  batchSamples: ReadonlyMap<string, readonly MetricSample[]>,
  storedLatest: Readonly<Record<string, LatestSample>> | undefined,
  errorRate: { metric: string; sample: MetricSample } | null,
): Map<string, MetricSample[]> {
  const driving = new Map<string, MetricSample[]>();
  for (const [metric, samples] of batchSamples) {
    const newer = samplesNewerThanStored(samples, ownValue(storedLatest, metric));
    if (newer.length > 0) driving.set(metric, newer);
  }
  if (errorRate !== null) driving.set(errorRate.metric, [errorRate.sample]);
  return driving;
}
