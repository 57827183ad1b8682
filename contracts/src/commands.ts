import * as z from 'zod';
import { epochMs, pendingEpochMs } from './time';
import { ackAlertCommand } from './command-kinds/ack-alert';
import { resolveAlertCommand } from './command-kinds/resolve-alert';
import { setTenantSettingsCommand } from './command-kinds/set-tenant-settings';
import { setThresholdCommand } from './command-kinds/set-threshold';
import { silenceHostCommand } from './command-kinds/silence-host';
import { scheduleMaintenanceCommand } from './command-kinds/schedule-maintenance';
import { cancelMaintenanceCommand } from './command-kinds/cancel-maintenance';
import type { CommandKindContract } from './command-kinds/command-kind';

export { TENANT_SETTINGS_LIMITS, type TenantSettings } from './command-kinds/set-tenant-settings';
export { HOST_THRESHOLDS_MAX } from './command-kinds/set-threshold';

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

/**
 * Every command kind, one module each in ./command-kinds. Adding one here makes the compiler ask
 * for it in every registry: the function's (functions/src/commands/kinds), the web's
 * (web/src/app/commands/kinds), and this one.
 */
export const commandPayload = z.discriminatedUnion('kind', [
  setThresholdCommand.payload,
  ackAlertCommand.payload,
  resolveAlertCommand.payload,
  silenceHostCommand.payload,
  setTenantSettingsCommand.payload,
  scheduleMaintenanceCommand.payload,
  cancelMaintenanceCommand.payload,
]);
export type CommandPayload = z.infer<typeof commandPayload>;
export type CommandKind = CommandPayload['kind'];
export type PayloadOf<K extends CommandKind> = Extract<CommandPayload, { kind: K }>;

export const COMMAND_KINDS = {
  'set-threshold': setThresholdCommand,
  'ack-alert': ackAlertCommand,
  'resolve-alert': resolveAlertCommand,
  'silence-host': silenceHostCommand,
  'set-tenant-settings': setTenantSettingsCommand,
  'schedule-maintenance': scheduleMaintenanceCommand,
  'cancel-maintenance': cancelMaintenanceCommand,
} as const satisfies { [K in CommandKind]: CommandKindContract<z.ZodType<PayloadOf<K>>, z.ZodType> };

/** What a command of kind K records as the value it replaced. */
export type PreviousOf<K extends CommandKind> = z.infer<(typeof COMMAND_KINDS)[K]['previous']>;

export const commandKind = z.enum(Object.keys(COMMAND_KINDS) as [CommandKind, ...CommandKind[]]);

export const COMMAND_STATUSES = ['pending', 'applied', 'rejected', 'expired'] as const;
export const commandStatus = z.enum(COMMAND_STATUSES);
export type CommandStatus = z.infer<typeof commandStatus>;

/** Any kind's previous value; read one as its own kind's with previousOf. */
const anyPrevious = z.union([
  setThresholdCommand.previous,
  ackAlertCommand.previous,
  resolveAlertCommand.previous,
  silenceHostCommand.previous,
  setTenantSettingsCommand.previous,
  scheduleMaintenanceCommand.previous,
  cancelMaintenanceCommand.previous,
]);
// The compiler refuses this line when a kind's previous is missing above.
const everyPrevious: [PreviousOf<CommandKind>] extends [z.infer<typeof anyPrevious>] ? true : never = true;
void everyPrevious;

/** tenants/{t}/commands/{correlationId}: the client creates it pending, the function settles it. */
export const commandDoc = z.object({
  payload: commandPayload,
  requestedBy: z.string(),
  requestedAt: pendingEpochMs,
  /** The client's clock at the operator's click; null on audit-log entries written before it existed. */
  clickedAt: epochMs.nullable().default(null),
  status: commandStatus,
  reason: z.string().nullable().default(null),
  /** The value the command replaced, when applied (see each kind's `previous`); null otherwise. */
  previous: anyPrevious.nullable().default(null),
  resolvedAt: pendingEpochMs.default(null),
});
export type CommandDoc = z.infer<typeof commandDoc>;

/**
 * A command's previous value read as its own kind's, or null when it is not one of its kind's (a
 * command not applied records null, which only some kinds' previous admits).
 */
export function previousOf<K extends CommandKind>(kind: K, previous: unknown): { value: PreviousOf<K> } | null {
  const parsed = COMMAND_KINDS[kind].previous.safeParse(previous);
  // COMMAND_KINDS[kind] is K's own entry; TypeScript cannot narrow the parsed union to it.
  return parsed.success ? { value: parsed.data as PreviousOf<K> } : null;
}
