import type { AlertDoc } from '@pulseboard/contracts';

/** A warning-level CPU alert of `web-01`, open since `openedAt`: the starting point of the alert specs. */
export function openCpuAlert(openedAt: number, overrides: Partial<AlertDoc> = {}): AlertDoc {
  return {
    host: 'web-01',
    metric: 'cpu',
    level: 'warning',
    state: 'open',
    threshold: 80,
    peak: 85,
    lastValue: 85,
    openedAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    updatedAt: openedAt,
    ...overrides,
  };
}
