import { describe, expect, it } from 'vitest';
import { PROTOTYPE_MEMBER_NAMES, recordOf, TENANT_SETTINGS_LIMITS, type TenantDoc, type TenantSettings } from '@pulseboard/contracts';
import { setTenantSettings, settingsProblem } from './set-tenant-settings';
import type { CommandContext } from './server-kind';

const STORED: TenantDoc = { name: 'Acme', thresholds: { cpu: { warning: 80, critical: 95 } }, sustainSeconds: 30, staleAfterSeconds: 60 };
const ASKED: TenantSettings = { name: '  Acme Corp ', thresholds: { disk_used: { warning: 70, critical: 90 } }, sustainSeconds: 10, staleAfterSeconds: 120 };

const decide = (settings: TenantSettings, tenant: TenantDoc | null) =>
  setTenantSettings.decide({ kind: 'set-tenant-settings', settings }, { tenant } as CommandContext);

const withThresholds = (count: number): TenantSettings => ({
  ...ASKED,
  thresholds: recordOf(Array.from({ length: count }, (_, index) => [`m${index}`, { warning: 1, critical: 2 }] as const)),
});

describe('set-tenant-settings', () => {
  it('applies the settings, trimmed, and records the ones they replaced', () => {
    expect(decide(ASKED, STORED)).toEqual({
      status: 'applied',
      previous: STORED,
      change: { ...ASKED, name: 'Acme Corp' },
      write: expect.any(Function),
    });
  });

  it('rejects when the tenant document is missing', () => {
    expect(decide(ASKED, null)).toEqual({ status: 'rejected', reason: 'The tenant document does not exist.' });
  });

  it.each([
    ['a blank name', { name: ' ' }, 'The name must be 1 to 100 characters long.'],
    ['a name too long', { name: 'n'.repeat(101) }, 'The name must be 1 to 100 characters long.'],
    ['unordered levels', { thresholds: { disk_used: { warning: 9, critical: 9 } } }, 'disk_used: The warning level (9) must be below the critical level (9).'],
    ['cpu over 100', { thresholds: { cpu: { warning: 9, critical: 101 } } }, 'cpu: Levels for cpu must be between 0 and 100.'],
    ['negative sustain', { sustainSeconds: -1 }, 'Sustain seconds must be between 0 and 3600.'],
    ['sustain over an hour', { sustainSeconds: 3_601 }, 'Sustain seconds must be between 0 and 3600.'],
    ['stale after under 10 s', { staleAfterSeconds: 9 }, 'Stale-after seconds must be between 10 and 86400.'],
    ['stale after over a day', { staleAfterSeconds: 86_401 }, 'Stale-after seconds must be between 10 and 86400.'],
  ] as const)('rejects %s, saying why', (_name, change, reason) => {
    expect(settingsProblem({ ...ASKED, ...change })).toBe(reason);
  });

  it(`takes default thresholds for ${TENANT_SETTINGS_LIMITS.thresholds} metrics, and refuses one more`, () => {
    expect(settingsProblem(withThresholds(TENANT_SETTINGS_LIMITS.thresholds))).toBeNull();
    expect(settingsProblem(withThresholds(TENANT_SETTINGS_LIMITS.thresholds + 1))).toBe(
      `At most ${TENANT_SETTINGS_LIMITS.thresholds} metrics can have default thresholds; these settings have ${TENANT_SETTINGS_LIMITS.thresholds + 1}.`,
    );
  });

  it.each(PROTOTYPE_MEMBER_NAMES.filter((name) => /^[A-Za-z0-9]/.test(name)))('takes a default for a metric named %s', (metric) => {
    expect(settingsProblem({ ...ASKED, thresholds: recordOf([[metric, { warning: 1, critical: 2 }]]) })).toBeNull();
  });
});
