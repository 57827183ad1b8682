import { describeMetric, ownValue, roleAtLeast, type AlertDoc, type CommandPayload, type HostDoc, type Role, type ThresholdLevels } from '@pulseboard/contracts';

/** What the command replaced: levels (or null for "no override"), a silence end, or an alert state. */
export type PreviousValue = ThresholdLevels | number | string | null;

/** A change to make in the transaction, described as data so the decision stays pure. */
export type CommandChange =
  | { kind: 'set-host-threshold'; host: string; metric: string; levels: ThresholdLevels | null }
  | { kind: 'set-host-silence'; host: string; until: number | null }
  | {
      kind: 'update-alert';
      alertId: string;
      patch: Partial<Pick<AlertDoc, 'state' | 'acknowledgedAt' | 'acknowledgedBy' | 'resolvedAt' | 'updatedAt'>>;
      /** The host's open-alert pointer to clear: resolving this alert, and it still points here. */
      clearActiveAlertOf: { host: string; metric: string } | null;
    };

export type CommandDecision =
  | { status: 'applied'; previous: PreviousValue; change: CommandChange }
  | { status: 'rejected' | 'expired'; reason: string };

/** Everything the decision needs, read in the transaction. */
export interface CommandContext {
  payload: CommandPayload;
  requestedBy: string;
  /** What the requester's member document says now (null: no longer a member); their token may say more. */
  requesterRole: Role | null;
  /** When the command reached the server (its server timestamp). */
  requestedAt: number;
  /** The client's clock at the operator's click. */
  clickedAt: number;
  now: number;
  deadlineMs: number;
  /** How long after the click the command may reach the server (queued offline, say). */
  offlineLimitMs: number;
  /** The payload's host (set-threshold, silence-host), or null when it does not exist. */
  host: HostDoc | null;
  /** The payload's alert (ack-alert, resolve-alert), or null when it does not exist. */
  alert: AlertDoc | null;
  /** The alert's host (resolve-alert), or null when it does not exist. */
  alertHost: HostDoc | null;
}

const reject = (reason: string): CommandDecision => ({ status: 'rejected', reason });

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

export function decideCommand(context: CommandContext): CommandDecision {
  const travelled = context.requestedAt - context.clickedAt;
  if (travelled > context.offlineLimitMs) {
    return {
      status: 'expired',
      reason: `Expired while offline: it reached the server ${seconds(travelled)} after the click; the limit is ${seconds(context.offlineLimitMs)}.`,
    };
  }
  const age = context.now - context.requestedAt;
  if (age > context.deadlineMs) {
    return {
      status: 'expired',
      reason: `Reached the server ${seconds(age)} after it was sent; the limit is ${seconds(context.deadlineMs)}.`,
    };
  }
  if (!roleAtLeast(context.requesterRole ?? undefined, 'operator')) {
    return reject('The requester is no longer an operator or admin of this tenant.');
  }
  const { payload } = context;
  switch (payload.kind) {
    case 'set-threshold':
      return decideThreshold(payload.host, payload.metric, payload.levels, context.host);
    case 'silence-host':
      return decideSilence(payload.host, payload.until, context.host, context.now);
    case 'ack-alert':
      return decideAcknowledge(payload.alertId, context);
    case 'resolve-alert':
      return decideResolve(payload.alertId, context);
  }
}

/** Why these levels cannot be applied to this metric, or null when they can. */
export function levelsProblem(metric: string, levels: ThresholdLevels): string | null {
  const { warning, critical } = levels;
  if (!Number.isFinite(warning) || !Number.isFinite(critical)) return 'Levels must be finite numbers.';
  if (warning >= critical) return `The warning level (${warning}) must be below the critical level (${critical}).`;
  // The metric's range in the registry: 0..100 for cpu, at least 0 for any other.
  const { range } = describeMetric(metric);
  if (warning < range.min || critical > range.max) {
    return range.max === Number.POSITIVE_INFINITY
      ? `Levels for ${metric} must be at least ${range.min}.`
      : `Levels for ${metric} must be between ${range.min} and ${range.max}.`;
  }
  return null;
}

function decideThreshold(
  hostId: string,
  metric: string,
  levels: ThresholdLevels | null,
  host: HostDoc | null,
): CommandDecision {
  if (host === null) return reject(`Host ${hostId} does not exist.`);
  const problem = levels === null ? null : levelsProblem(metric, levels);
  if (problem !== null) return reject(problem);
  return {
    status: 'applied',
    previous: ownValue(host.thresholds, metric) ?? null,
    change: { kind: 'set-host-threshold', host: hostId, metric, levels },
  };
}

function decideSilence(hostId: string, until: number | null, host: HostDoc | null, now: number): CommandDecision {
  if (host === null) return reject(`Host ${hostId} does not exist.`);
  if (until !== null && until <= now) return reject('The silence must end in the future.');
  return { status: 'applied', previous: host.silencedUntil, change: { kind: 'set-host-silence', host: hostId, until } };
}

function decideAcknowledge(alertId: string, { alert, requestedBy, now }: CommandContext): CommandDecision {
  if (alert === null) return reject(`Alert ${alertId} does not exist.`);
  if (alert.state !== 'open') return reject(`Only an open alert can be acknowledged; this one is ${alert.state}.`);
  return {
    status: 'applied',
    previous: alert.state,
    change: {
      kind: 'update-alert',
      alertId,
      patch: { state: 'acknowledged', acknowledgedAt: now, acknowledgedBy: requestedBy, updatedAt: now },
      clearActiveAlertOf: null,
    },
  };
}

function decideResolve(alertId: string, { alert, alertHost, now }: CommandContext): CommandDecision {
  if (alert === null) return reject(`Alert ${alertId} does not exist.`);
  if (alert.state === 'resolved') return reject('This alert is already resolved.');
  // A newer alert may already hold the pointer; it must stay.
  const pointsHere = ownValue(alertHost?.activeAlerts, alert.metric) === alertId;
  return {
    status: 'applied',
    previous: alert.state,
    change: {
      kind: 'update-alert',
      alertId,
      patch: { state: 'resolved', resolvedAt: now, updatedAt: now },
      clearActiveAlertOf: pointsHere ? { host: alert.host, metric: alert.metric } : null,
    },
  };
}
