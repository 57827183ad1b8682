import { HOST_DIGESTS_KEPT_PER_SHARD, type HostDigest } from '@pulseboard/contracts';

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
