import { describe, expect, it } from 'vitest';
import type { AlertDoc, MaintenanceWindows } from '@pulseboard/contracts';
import { holdForMaintenance } from './maintenance-hold';

const T = 1_800_000_000_000;
const alert = (host: string, updatedAt = T): AlertDoc => ({
  host, metric: 'cpu', level: 'critical', state: 'open', threshold: 95, peak: 99, lastValue: 99,
  openedAt: T - 60_000, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, updatedAt,
});
const WINDOWS: MaintenanceWindows = {
  'mw-web': { host: 'web-01', start: T - 1_000, end: T + 1_000, note: '', createdBy: 'u' },
};

const hold = (items: AlertDoc[], windows: MaintenanceWindows | undefined) =>
  holdForMaintenance(items, windows, (item) => item, (item) => item.updatedAt);

describe('holdForMaintenance', () => {
  it('holds what a window covers at its time, naming the window, and sends the rest', () => {
    const held = alert('web-01');
    const sent = alert('db-01');
    expect(hold([held, sent], WINDOWS)).toEqual({ sent: [sent], held: [{ item: held, suppressedBy: 'mw-web' }] });
  });

  it('sends a change made after the window ended, or before it started', () => {
    const items = [alert('web-01', T + 1_000), alert('web-01', T - 1_001)];
    expect(hold(items, WINDOWS)).toEqual({ sent: items, held: [] });
  });

  it('holds every host under a tenant-wide window', () => {
    const items = [alert('web-01'), alert('constructor')];
    const tenantWide: MaintenanceWindows = { all: { host: null, start: T, end: T + 1, note: '', createdBy: 'u' } };
    expect(hold(items, tenantWide).held.map(({ suppressedBy }) => suppressedBy)).toEqual(['all', 'all']);
  });

  it('sends everything when the tenant has no windows', () => {
    expect(hold([alert('web-01')], undefined).held).toEqual([]);
  });
});
