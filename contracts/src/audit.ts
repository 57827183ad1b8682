import * as z from 'zod';
import { epochMs } from './time';
import { COMMAND_REASON_MAX, commandKind, commandStatus } from './commands';

/** Administrative acts, each written by the function (or the bootstrap tool) that performs it. */
export const ADMIN_ACTIONS = [
  'tenant.create',
  'tenant.bootstrap',
  'member.role',
  'key.create',
  'key.revoke',
  'key.rotate',
  'channel.create',
  'channel.update',
  'channel.delete',
  'delivery.retry',
] as const;

/** What an entry records: an administrative act, or a settled command as `command.<kind>`. */
export const auditAction = z.union([z.enum(ADMIN_ACTIONS), z.templateLiteral(['command.', commandKind])]);
export type AuditAction = z.infer<typeof auditAction>;

/** Every action an entry can record, for the audit page's filter: the administrative acts, then each command kind. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  ...ADMIN_ACTIONS,
  ...commandKind.options.map((kind) => `command.${kind}` as const),
];

/** A value before or after the act: a role, levels, a label and prefix, a silence end; null for none. */
export const auditValue = z.json();

/**
 * tenants/{t}/audit/{entryId} (a public contract: extend, never break): one administrative act or
 * settled command, written by functions in the transaction that acts, never updated or deleted.
 */
export const auditEntry = z.object({
  at: epochMs,
  /** The uid who acted; null for the bootstrap tool, which has no signed-in caller. */
  actor: z.string().min(1).max(128).nullable(),
  action: auditAction,
  /** What was acted on: a member's email, a key id, a tenant id, `host/metric`, an alert id. */
  target: z.string().max(300).nullable(),
  oldValue: auditValue,
  newValue: auditValue,
  /** Commands only: how the function settled it (a rejected command changed nothing). */
  outcome: z.object({ status: commandStatus.exclude(['pending']), reason: z.string().max(COMMAND_REASON_MAX).nullable() }).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
