import { describe, expect, it } from 'vitest';
import type { AlertDoc } from '@pulseboard/contracts';
import { decideSilentHost, resolveNoData, SILENT_EXPIRY_FACTOR, type SilentHostInputs } from './decide-silent-host';
import type { StoredAlert } from './evaluate-alert';

const STALE_MS = 60_000;
const LAST_SEEN = 1_000_000;
const base: SilentHostInputs = { host: 'web-01', lastSeen: LAST_SEEN, silencedUntil: null, maintenance: null, staleAfterMs: STALE_MS, now: LAST_SEEN + STALE_MS, active: new Map() };

function openAlert(id: string, metric: string): StoredAlert {
  const doc: AlertDoc = {
    host: 'web-01', metric, level: 'critical', state: 'open', threshold: 95, peak: 97, lastValue: 96,
    openedAt: 1000, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, updatedAt: 1000,
  };
  return { id, doc };
}

describe('decideSilentHost', () => {
  it('opens a no-data alert once the host is silent for the stale-after period', () => {
    const { changed, pointers } = decideSilentHost(base);
    const id = `6.web-01_no-data_${LAST_SEEN}`;
    expect(pointers).toEqual(new Map([['no-data', id]]));
    expect(changed.get(id)).toMatchObject({ host: 'web-01', metric: 'no-data', state: 'open', level: 'warning', threshold: 60, lastValue: 60, openedAt: base.now });
  });

  it('does nothing for a host that reported within the period (it reported since the query)', () => {
    expect(decideSilentHost({ ...base, now: LAST_SEEN + STALE_MS - 1 })).toEqual({ changed: new Map(), pointers: new Map() });
  });

  it('opens no no-data alert for a silenced host', () => {
    expect(decideSilentHost({ ...base, silencedUntil: base.now + 1 }).changed.size).toBe(0);
  });

  it('opens no no-data alert for a host under maintenance', () => {
    expect(decideSilentHost({ ...base, maintenance: 'mw-1' })).toEqual({ changed: new Map(), pointers: new Map() });
  });

  it('still resolves the threshold alerts of a host silent past the expiry line under maintenance', () => {
    const active = new Map([['cpu', openAlert('6.web-01_cpu_1', 'cpu')]]);
    const { changed } = decideSilentHost({ ...base, maintenance: 'mw-1', now: LAST_SEEN + SILENT_EXPIRY_FACTOR * STALE_MS, active });
    expect([...changed.values()].map((alert) => [alert.metric, alert.state])).toEqual([['cpu', 'resolved']]);
  });

  it('opens the no-data alert once a silence has ended', () => {
    expect(decideSilentHost({ ...base, silencedUntil: base.now }).pointers.has('no-data')).toBe(true);
  });

  it('opens no second no-data alert while one is active', () => {
    const active = new Map([['no-data', openAlert('6.web-01_no-data_1', 'no-data')]]);
    expect(decideSilentHost({ ...base, now: LAST_SEEN + 2 * STALE_MS, active })).toEqual({ changed: new Map(), pointers: new Map() });
  });

  it('keeps threshold alerts open until the expiry period', () => {
    const active = new Map([['cpu', openAlert('cpu-alert', 'cpu')]]);
    const { changed } = decideSilentHost({ ...base, now: LAST_SEEN + SILENT_EXPIRY_FACTOR * STALE_MS - 1, active });
    expect(changed.has('cpu-alert')).toBe(false);
  });

  it('resolves threshold alerts, not the no-data alert, past the expiry period, with the reason', () => {
    const now = LAST_SEEN + SILENT_EXPIRY_FACTOR * STALE_MS;
    const active = new Map([
      ['cpu', openAlert('cpu-alert', 'cpu')],
      ['no-data', openAlert('nd-alert', 'no-data')],
    ]);
    const { changed, pointers } = decideSilentHost({ ...base, now, active });
    expect(changed.get('cpu-alert')).toMatchObject({ state: 'resolved', resolvedAt: now, resolvedReason: 'host-silent', peak: 97 });
    expect(changed.has('nd-alert')).toBe(false);
    expect(pointers).toEqual(new Map([['cpu', null]]));
  });

  it('resolves threshold alerts of a silenced host too', () => {
    const active = new Map([['cpu', openAlert('cpu-alert', 'cpu')]]);
    const { changed } = decideSilentHost({ ...base, silencedUntil: Number.MAX_SAFE_INTEGER, now: LAST_SEEN + SILENT_EXPIRY_FACTOR * STALE_MS, active });
    expect([...changed.keys()]).toEqual(['cpu-alert']);
  });
});

describe('resolveNoData', () => {
  it('resolves the active no-data alert at the time of the new report', () => {
    expect(resolveNoData(openAlert('nd', 'no-data'), 5000)?.doc).toMatchObject({ state: 'resolved', resolvedAt: 5000, resolvedReason: 'data-returned', updatedAt: 5000 });
  });

  it('does nothing when no no-data alert is active', () => {
    expect(resolveNoData(null, 5000)).toBeNull();
  });
});
