import { previousOf, type CommandKind, type CommandPayload, type PayloadOf } from '@pulseboard/contracts';
import { ackAlert, resolveAlert } from './alert-state';
import { setTenantSettings } from './set-tenant-settings';
import { setThreshold } from './set-threshold';
import { silenceHost } from './silence-host';
import { cancelMaintenance, scheduleMaintenance } from './maintenance';
import type { WebCommandKind } from './web-command-kind';

/** Every command kind as the web speaks of it; a kind missing here is a compile error. */
const WEB_COMMAND_KINDS: { readonly [K in CommandKind]: WebCommandKind<K> } = {
  'set-threshold': setThreshold,
  'ack-alert': ackAlert,
  'resolve-alert': resolveAlert,
  'silence-host': silenceHost,
  'set-tenant-settings': setTenantSettings,
  'schedule-maintenance': scheduleMaintenance,
  'cancel-maintenance': cancelMaintenance,
};

/**
 * The web side of a payload's kind. The one cast of the registry: TypeScript cannot tie a payload
 * of a union type to its own entry, which the mapped type above guarantees.
 */
function webKindOf<K extends CommandKind>(payload: PayloadOf<K>): WebCommandKind<K> {
  return WEB_COMMAND_KINDS[payload.kind as K];
}

export const describePayload = (payload: CommandPayload): string => webKindOf(payload).describe(payload);

export const describeRequested = (payload: CommandPayload): string => webKindOf(payload).requested(payload);

/** What an applied command replaced, in its kind's words; a dash when it recorded nothing of its kind. */
export function describeReplaced(payload: CommandPayload, previous: unknown): string {
  const replaced = previousOf(payload.kind, previous);
  return replaced === null ? '–' : webKindOf(payload).replaced(replaced.value, payload);
}
