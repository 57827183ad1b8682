import { describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_SETTINGS } from '@pulseboard/contracts';
import { tenantWithDefaults } from './tenant-with-defaults';

describe('tenantWithDefaults', () => {
  it('gives a new tenant the default settings', () => {
    expect(tenantWithDefaults(undefined, 'Acme')).toEqual({ name: 'Acme', ...DEFAULT_TENANT_SETTINGS });
  });

  it("keeps an existing tenant's valid settings and other fields, and renames it", () => {
    const stored = { name: 'Old', thresholds: { cpu: { warning: 1, critical: 2 } }, sustainSeconds: 5, staleAfterSeconds: 9, plan: 'team' };
    expect(tenantWithDefaults(stored, 'New')).toEqual({ ...stored, name: 'New' });
  });

  it('replaces malformed settings with the defaults', () => {
    const stored = { name: 'Acme', thresholds: 'none', sustainSeconds: -1, staleAfterSeconds: 0 };
    expect(tenantWithDefaults(stored, 'Acme')).toEqual({ name: 'Acme', ...DEFAULT_TENANT_SETTINGS });
  });

  it('does not take settings from the prototype chain', () => {
    const stored = Object.create({ sustainSeconds: 7 }) as Record<string, unknown>;
    expect(tenantWithDefaults(stored, 'Acme').sustainSeconds).toBe(DEFAULT_TENANT_SETTINGS.sustainSeconds);
  });
});
