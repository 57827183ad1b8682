import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGEST_OTHER_METRICS, type HostDigest } from '@pulseboard/contracts';
import { hostDigestOf, mergeHostDigests } from './host-digests';

function seenAt(lastSeen: number, cpu = 1): HostDigest {
  return { lastSeen, metrics: { cpu: { value: cpu, ts: lastSeen } }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null };
}

describe('hostDigestOf', () => {
  const levels = { warning: 1, critical: 2 };

  it('keeps the overrides of the metrics the overview reads, and no other', () => {
    const digest = hostDigestOf({
      lastSeen: 5,
      metrics: { cpu: { value: 1, ts: 5 }, active_users: { value: 3, ts: 4 } },
      errorsPerMinute: 2.5,
      thresholds: { cpu: levels, errors: levels, disk: levels },
      silencedUntil: 9,
    });
    expect(digest).toEqual({
      lastSeen: 5,
      metrics: { cpu: { value: 1, ts: 5 }, active_users: { value: 3, ts: 4 } },
      errorsPerMinute: 2.5,
      thresholds: { cpu: levels, errors: levels },
      silencedUntil: 9,
    });
  });

  it('keeps every digest metric and the DIGEST_OTHER_METRICS others reported most recently, the smaller name on a tie', () => {
    const digest = hostDigestOf({
      lastSeen: 9,
      metrics: { cpu: { value: 1, ts: 1 }, disk: { value: 2, ts: 9 }, net: { value: 3, ts: 8 }, queue: { value: 4, ts: 9 }, old: { value: 5, ts: 2 } },
      errorsPerMinute: 0,
      thresholds: {},
      silencedUntil: null,
    });
    expect(DIGEST_OTHER_METRICS).toBe(2);
    expect(Object.keys(digest.metrics).sort()).toEqual(['cpu', 'disk', 'queue']);
  });
});

describe('mergeHostDigests', () => {
  it('gives each reported host its new digest and keeps the others', () => {
    const merged = mergeHostDigests({ a: seenAt(1, 10), b: seenAt(2, 20) }, { b: seenAt(3, 30), c: seenAt(3, 40) });
    expect(merged).toEqual({ a: seenAt(1, 10), b: seenAt(3, 30), c: seenAt(3, 40) });
  });

  it('drops the longest-silent hosts past the number kept', () => {
    const merged = mergeHostDigests({ old: seenAt(1), older: seenAt(0), recent: seenAt(5) }, { fresh: seenAt(9) }, 2);
    expect(Object.keys(merged).sort()).toEqual(['fresh', 'recent']);
  });

  it('keeps exactly the most recently seen hosts, never more than the number kept', () => {
    const digests = fc.dictionary(fc.stringMatching(/^[a-z]{1,3}$/), fc.nat({ max: 1_000 }).map((lastSeen) => seenAt(lastSeen)));
    fc.assert(
      fc.property(digests, digests, fc.integer({ min: 1, max: 20 }), (stored, fresh, kept) => {
        const all = { ...stored, ...fresh };
        const merged = mergeHostDigests(stored, fresh, kept);
        expect(Object.keys(merged).length).toBe(Math.min(kept, Object.keys(all).length));
        const leastKept = Math.min(...Object.values(merged).map((digest) => digest.lastSeen));
        for (const [host, digest] of Object.entries(all)) {
          if (digest.lastSeen > leastKept) expect(merged[host]).toEqual(digest);
        }
      }),
    );
  });
});
