import { describe, expect, it } from 'vitest';
import { HOST_THRESHOLDS_MAX, hostDoc, recordOf, type HostDoc } from '@pulseboard/contracts';
import { setThreshold } from './set-threshold';
import type { CommandContext } from './server-kind';

const NOW = 1_800_000_000_000;
const LEVELS = { warning: 1, critical: 2 };

function hostWithOverrides(count: number): HostDoc {
  const thresholds = recordOf(Array.from({ length: count }, (_, index) => [`m${index}`, LEVELS] as const));
  return hostDoc.parse({ host: 'web-1', lastSeen: NOW, metrics: {}, recentErrors: [], thresholds });
}

const decide = (metric: string, levels: typeof LEVELS | null, host: HostDoc) =>
  setThreshold.decide({ kind: 'set-threshold', host: 'web-1', metric, levels }, { host } as CommandContext);

describe(`a host keeps at most ${HOST_THRESHOLDS_MAX} threshold overrides`, () => {
  const full = hostWithOverrides(HOST_THRESHOLDS_MAX);

  it('refuses an override for one more metric, saying why', () => {
    expect(decide('new_metric', LEVELS, full)).toEqual({
      status: 'rejected',
      reason: `Host web-1 already overrides the thresholds of ${HOST_THRESHOLDS_MAX} metrics, the most it keeps; restore one to the tenant default first.`,
    });
  });

  it('still changes an override the host already has', () => {
    expect(decide('m0', { warning: 5, critical: 6 }, full).status).toBe('applied');
  });

  it('still restores a metric to the tenant default', () => {
    expect(decide('new_metric', null, full).status).toBe('applied');
  });

  it('accepts the last override below the limit', () => {
    expect(decide('new_metric', LEVELS, hostWithOverrides(HOST_THRESHOLDS_MAX - 1)).status).toBe('applied');
  });
});
