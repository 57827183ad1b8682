import { describe, expect, it } from 'vitest';
import { PROTOTYPE_MEMBER_NAMES, hostDoc, type AlertDoc, type CommandPayload, type HostDoc } from '@pulseboard/contracts';
import { decideCommand, type CommandContext } from './decide-command';
import { levelsProblem } from './kinds/levels';

const NOW = 1_800_000_000_000;
const host: HostDoc = hostDoc.parse({
  host: 'web-1',
  lastSeen: NOW,
  metrics: {},
  recentErrors: [],
  thresholds: { cpu: { warning: 70, critical: 90 } },
  activeAlerts: { cpu: 'a1' },
});
const alert: AlertDoc = {
  host: 'web-1',
  metric: 'cpu',
  level: 'warning',
  state: 'open',
  threshold: 70,
  peak: 85,
  lastValue: 80,
  openedAt: NOW - 60_000,
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  updatedAt: NOW - 60_000,
};

function context(payload: CommandPayload, overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    payload,
    requestedBy: 'uid-op',
    requesterRole: 'operator',
    requestedAt: NOW - 100,
    clickedAt: NOW - 150,
    now: NOW,
    deadlineMs: 10_000,
    offlineLimitMs: 300_000,
    host,
    alert,
    alertHost: host,
    tenant: null,
    ...overrides,
  };
}
const setCpu = (levels: { warning: number; critical: number } | null): CommandPayload => ({
  kind: 'set-threshold',
  host: 'web-1',
  metric: 'cpu',
  levels,
});

describe('decideCommand', () => {
  it.each([
    ['no longer a member', null],
    ['demoted to viewer', 'viewer'],
  ] as const)('rejects a command whose requester is %s, whatever it asks', (_name, requesterRole) => {
    for (const payload of [setCpu({ warning: 60, critical: 80 }), { kind: 'ack-alert', alertId: 'a1' } as const]) {
      expect(decideCommand(context(payload, { requesterRole }))).toEqual({
        status: 'rejected',
        reason: 'The requester is no longer an operator or admin of this tenant.',
      });
    }
  });

  it('applies a command of a requester who is an admin now', () => {
    expect(decideCommand(context(setCpu(null), { requesterRole: 'admin' }))).toMatchObject({ status: 'applied' });
  });

  it('applies a threshold and records the override it replaced', () => {
    expect(decideCommand(context(setCpu({ warning: 60, critical: 80 })))).toEqual({
      status: 'applied',
      write: expect.any(Function),
      previous: { warning: 70, critical: 90 },
      change: { host: 'web-1', metric: 'cpu', levels: { warning: 60, critical: 80 } },
    });
  });

  it('records null as previous when the host had no override for the metric', () => {
    const payload: CommandPayload = { kind: 'set-threshold', host: 'web-1', metric: 'requests', levels: { warning: 1, critical: 2 } };
    expect(decideCommand(context(payload))).toMatchObject({ status: 'applied', previous: null });
  });

  it('restores the tenant default with null levels', () => {
    expect(decideCommand(context(setCpu(null)))).toMatchObject({ status: 'applied', change: { levels: null } });
  });

  it('expires a command that arrives after the deadline, before looking at anything else', () => {
    const decision = decideCommand(context(setCpu({ warning: 90, critical: 10 }), { requestedAt: NOW - 10_001, host: null }));
    expect(decision).toEqual({ status: 'expired', reason: expect.stringContaining('limit is 10 s') });
  });

  it('still applies a command exactly at the deadline', () => {
    expect(decideCommand(context(setCpu(null), { requestedAt: NOW - 10_000 })).status).toBe('applied');
  });

  it('expires a command that reached the server longer than the offline limit after the click', () => {
    const decision = decideCommand(context(setCpu({ warning: 90, critical: 10 }), { clickedAt: NOW - 100 - 300_001, host: null }));
    expect(decision).toEqual({
      status: 'expired',
      reason: 'Expired while offline: it reached the server 300 s after the click; the limit is 300 s.',
    });
  });

  it('still applies a command that reached the server exactly at the offline limit', () => {
    expect(decideCommand(context(setCpu(null), { clickedAt: NOW - 100 - 300_000 })).status).toBe('applied');
  });

  it('judges the offline limit by arrival, not by when the trigger runs', () => {
    // Queued for four minutes, then settled within the server deadline of its arrival.
    const decision = decideCommand(context(setCpu(null), { clickedAt: NOW - 240_000, requestedAt: NOW - 9_000 }));
    expect(decision.status).toBe('applied');
  });

  it('applies a command whose click time is a little ahead of the server clock', () => {
    expect(decideCommand(context(setCpu(null), { clickedAt: NOW + 30_000 })).status).toBe('applied');
  });

  it('rejects a threshold for a host that does not exist', () => {
    expect(decideCommand(context(setCpu(null), { host: null }))).toEqual({ status: 'rejected', reason: 'Host web-1 does not exist.' });
  });

  it('rejects levels that are not ordered', () => {
    expect(decideCommand(context(setCpu({ warning: 90, critical: 90 })))).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('must be below'),
    });
  });

  it('rejects cpu levels outside 0..100', () => {
    expect(decideCommand(context(setCpu({ warning: 90, critical: 101 })))).toMatchObject({
      status: 'rejected',
      reason: 'Levels for cpu must be between 0 and 100.',
    });
  });

  it('silences a host and records the previous silence end', () => {
    const payload: CommandPayload = { kind: 'silence-host', host: 'web-1', until: NOW + 60_000 };
    expect(decideCommand(context(payload, { host: { ...host, silencedUntil: NOW + 5 } }))).toEqual({
      status: 'applied',
      write: expect.any(Function),
      previous: NOW + 5,
      change: { host: 'web-1', until: NOW + 60_000 },
    });
  });

  it('rejects a silence that ends in the past', () => {
    const payload: CommandPayload = { kind: 'silence-host', host: 'web-1', until: NOW - 1 };
    expect(decideCommand(context(payload)).status).toBe('rejected');
  });

  it('acknowledges an open alert on behalf of the requester', () => {
    expect(decideCommand(context({ kind: 'ack-alert', alertId: 'a1' }))).toEqual({
      status: 'applied',
      write: expect.any(Function),
      previous: 'open',
      change: {
        alertId: 'a1',
        patch: { state: 'acknowledged', acknowledgedAt: NOW, acknowledgedBy: 'uid-op', updatedAt: NOW },
        clearActiveAlertOf: null,
      },
    });
  });

  it('rejects acknowledging an alert that is not open', () => {
    const decision = decideCommand(context({ kind: 'ack-alert', alertId: 'a1' }, { alert: { ...alert, state: 'acknowledged' } }));
    expect(decision).toEqual({ status: 'rejected', reason: 'Only an open alert can be acknowledged; this one is acknowledged.' });
  });

  it('resolves an acknowledged alert and asks to clear the host pointer', () => {
    const decision = decideCommand(context({ kind: 'resolve-alert', alertId: 'a1' }, { alert: { ...alert, state: 'acknowledged' } }));
    expect(decision).toMatchObject({
      status: 'applied',
      previous: 'acknowledged',
      change: { patch: { state: 'resolved', resolvedAt: NOW }, clearActiveAlertOf: { host: 'web-1', metric: 'cpu' } },
    });
  });

  it("leaves the host's pointer alone when it already names another alert", () => {
    const decision = decideCommand(context({ kind: 'resolve-alert', alertId: 'a1' }, { alertHost: { ...host, activeAlerts: { cpu: 'a2' } } }));
    expect(decision).toMatchObject({ status: 'applied', change: { clearActiveAlertOf: null } });
  });

  it('rejects resolving a resolved alert and acting on a missing one', () => {
    expect(decideCommand(context({ kind: 'resolve-alert', alertId: 'a1' }, { alert: { ...alert, state: 'resolved' } })).status).toBe(
      'rejected',
    );
    expect(decideCommand(context({ kind: 'ack-alert', alertId: 'gone' }, { alert: null }))).toEqual({
      status: 'rejected',
      reason: 'Alert gone does not exist.',
    });
  });
});

describe('levelsProblem', () => {
  it.each([
    ['cpu', { warning: 0, critical: 100 }, null],
    ['requests', { warning: 0, critical: 1e9 }, null],
    ['requests', { warning: -1, critical: 5 }, 'Levels for requests must be at least 0.'],
    ['cpu', { warning: Number.NaN, critical: 5 }, 'Levels must be finite numbers.'],
    ['cpu', { warning: 5, critical: Number.POSITIVE_INFINITY }, 'Levels must be finite numbers.'],
  ])('%s %o -> %s', (metric, levels, problem) => {
    expect(levelsProblem(metric, levels)).toBe(problem);
  });
});

describe('a metric named like an Object.prototype member', () => {
  it.each(PROTOTYPE_MEMBER_NAMES)('%s: a threshold applies with no previous override, on the default range', (metric) => {
    const payload: CommandPayload = { kind: 'set-threshold', host: 'web-1', metric, levels: { warning: 1, critical: 2 } };
    expect(decideCommand(context(payload))).toEqual({
      status: 'applied',
      write: expect.any(Function),
      previous: null,
      change: { host: 'web-1', metric, levels: { warning: 1, critical: 2 } },
    });
    expect(levelsProblem(metric, { warning: -1, critical: 2 })).toBe(`Levels for ${metric} must be at least 0.`);
  });

  it.each(PROTOTYPE_MEMBER_NAMES)("%s: resolving its alert leaves a host that points at none alone", (metric) => {
    const decision = decideCommand(context({ kind: 'resolve-alert', alertId: 'a1' }, { alert: { ...alert, metric } }));
    expect(decision).toMatchObject({ status: 'applied', change: { clearActiveAlertOf: null } });
  });
});
