import { z } from 'zod';
import { epochMs, pendingEpochMs } from './time';
import { safeId } from './ids';
import { thresholdLevels } from './thresholds';

/** Commands applied later than this after creation are rejected as expired. */
export const COMMAND_DEADLINE_MS = 10_000;
/**
 * Commands that reach the server later than this after the operator's click (queued offline, say)
 * are refused as expired while offline: a change made hours ago must not land as if made now.
 */
export const COMMAND_OFFLINE_LIMIT_MS = 5 * 60_000;
/**
 * How far ahead of the server's clock a client's click time may be (firestore.rules holds the
 * same bound): a client clock runs a little fast, but cannot stretch the offline limit by more.
 */
export const CLICK_CLOCK_SKEW_MS = 60_000;
export const COMMAND_REASON_MAX = 300;

const finiteLevel = z.number().refine(Number.isFinite, 'must be a finite number');

export const setThresholdPayload = z.strictObject({
  kind: z.literal('set-threshold'),
  host: safeId,
  metric: safeId,
  /** null restores the tenant default. */
  levels: z.strictObject({ warning: finiteLevel, critical: finiteLevel }).nullable(),
});
export const ackAlertPayload = z.strictObject({ kind: z.literal('ack-alert'), alertId: safeId });
export const resolveAlertPayload = z.strictObject({ kind: z.literal('resolve-alert'), alertId: safeId });
export const silenceHostPayload = z.strictObject({
  kind: z.literal('silence-host'),
  host: safeId,
  /** Epoch ms; null lifts the silence. */
  until: z.number().int().nonnegative().nullable(),
});

/** What an operator asks for: the part of a command the client chooses. */
export const commandPayload = z.discriminatedUnion('kind', [
  setThresholdPayload,
  ackAlertPayload,
  resolveAlertPayload,
  silenceHostPayload,
]);
export type CommandPayload = z.infer<typeof commandPayload>;
export type CommandKind = CommandPayload['kind'];

export const COMMAND_STATUSES = ['pending', 'applied', 'rejected', 'expired'] as const;
export const commandStatus = z.enum(COMMAND_STATUSES);
export type CommandStatus = z.infer<typeof commandStatus>;

/** What the function writes back; `previous` is the value the command replaced. */
export const commandOutcome = z.object({
  status: commandStatus,
  reason: z.string().max(COMMAND_REASON_MAX).nullable(),
  previous: z.union([thresholdLevels, z.number(), z.string(), z.null()]).optional(),
  resolvedAt: pendingEpochMs.optional(),
});

/** tenants/{t}/commands/{correlationId}: the client creates it pending, the function settles it. */
export const commandDoc = z.object({
  payload: commandPayload,
  requestedBy: z.string(),
  requestedAt: pendingEpochMs,
  /** The client's clock at the operator's click; null on audit-log entries written before it existed. */
  clickedAt: epochMs.nullable().default(null),
  status: commandStatus,
  reason: z.string().nullable().default(null),
  previous: z.union([thresholdLevels, z.number(), z.string(), z.null()]).default(null),
  resolvedAt: pendingEpochMs.default(null),
});
export type CommandDoc = z.infer<typeof commandDoc>;
