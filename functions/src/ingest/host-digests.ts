import { DIGEST_METRICS, DIGEST_OTHER_METRICS, HOST_DIGESTS_KEPT_PER_SHARD, ownValue, recordOf, type HostDigest, type LatestSample } from '@pulseboard/contracts';
import { newestEntries } from './newest-entries';

const isDigestMetric = (metric: string) => (DIGEST_METRICS as readonly string[]).includes(metric);

/** The digest metrics' samples and the DIGEST_OTHER_METRICS other metrics reported most recently (the hosts table's other columns). */
function digestSamples(metrics: Readonly<Record<string, LatestSample>>): Record<string, LatestSample> {
  const others = newestEntries(recordOf(Object.entries(metrics).filter(([metric]) => !isDigestMetric(metric))), DIGEST_OTHER_METRICS, (sample) => sample.ts);
  return recordOf([...Object.entries(digestMetrics(metrics)), ...Object.entries(others)]);
}


function digestMetrics<T>(byMetric: Readonly<Record<string, T>>): Record<string, T> {
  return recordOf(
    DIGEST_METRICS.flatMap((metric) => {
      const value = ownValue(byMetric, metric);
      return value === undefined ? [] : [[metric, value] as const];
    }),
  );
}

/**
 * A host's digest: its state with only the digest metrics' overrides and values, and the values of
 * its DIGEST_OTHER_METRICS newest other metrics, so a digest stays small (about 550 bytes at most)
 * whatever else the host reports or has overridden.
 */
export function hostDigestOf(host: HostDigest): HostDigest {
  const { lastSeen, metrics, errorsPerMinute, thresholds, silencedUntil } = host;
  return { lastSeen, metrics: digestSamples(metrics), errorsPerMinute, thresholds: digestMetrics(thresholds), silencedUntil };
}

/**
 * A shard's host digests after a batch: each host the batch reported takes its new digest (the
 * host document it projects only moves forward), and past `kept` digests the longest-silent hosts
 * go, so the document stays bounded however many hosts come and go under new names.
 */
export function mergeHostDigests(
  stored: Readonly<Record<string, HostDigest>>,
  fresh: Readonly<Record<string, HostDigest>>,
  kept = HOST_DIGESTS_KEPT_PER_SHARD,
): Record<string, HostDigest> {
  return newestEntries(recordOf([...Object.entries(stored), ...Object.entries(fresh)]), kept, (digest) => digest.lastSeen);
}
