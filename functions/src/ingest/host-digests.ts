import { DIGEST_METRICS, HOST_DIGESTS_KEPT_PER_SHARD, ownValue, recordOf, type HostDigest } from '@pulseboard/contracts';
import { newestEntries } from './newest-entries';


function digestMetrics<T>(byMetric: Readonly<Record<string, T>>): Record<string, T> {
  return recordOf(
    DIGEST_METRICS.flatMap((metric) => {
      const value = ownValue(byMetric, metric);
      return value === undefined ? [] : [[metric, value] as const];
    }),
  );
}

/**
 * A host's digest: its state with only the digest metrics' values and overrides, so a digest stays
 * small (about 410 bytes at most) whatever else the host reports or has overridden.
 */
export function hostDigestOf(host: HostDigest): HostDigest {
  const { lastSeen, metrics, errorsPerMinute, thresholds, silencedUntil } = host;
  return { lastSeen, metrics: digestMetrics(metrics), errorsPerMinute, thresholds: digestMetrics(thresholds), silencedUntil };
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
