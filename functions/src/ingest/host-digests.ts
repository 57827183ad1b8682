import { ERROR_RATE_METRIC, HOST_DIGESTS_KEPT_PER_SHARD, WELL_KNOWN_METRICS, type HostDigest } from '@pulseboard/contracts';

/** The metrics whose values and overrides a digest keeps: those the overview's cards and statuses read. */
const DIGEST_METRICS: readonly string[] = [...WELL_KNOWN_METRICS, ERROR_RATE_METRIC];

function digestMetrics<T>(byMetric: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(DIGEST_METRICS.flatMap((metric) => (byMetric[metric] === undefined ? [] : [[metric, byMetric[metric]]])));
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
  const merged = { ...stored, ...fresh };
  const entries = Object.entries(merged);
  if (entries.length <= kept) return merged;
  return Object.fromEntries(entries.sort(([a, x], [b, y]) => y.lastSeen - x.lastSeen || a.localeCompare(b)).slice(0, kept));
}
