import type { CommandKind, PayloadOf } from '@pulseboard/contracts';
import { ackAlert } from './ack-alert';
import { resolveAlert } from './resolve-alert';
import { setTenantSettings } from './set-tenant-settings';
import { setThreshold } from './set-threshold';
import { silenceHost } from './silence-host';
import { scheduleMaintenance } from './schedule-maintenance';
import { cancelMaintenance } from './cancel-maintenance';
import type { ServerCommandKind } from './server-kind';

/** Every command kind's server side; a kind missing here is a compile error. */
const SERVER_COMMAND_KINDS: { readonly [K in CommandKind]: ServerCommandKind<K> } = {
  'set-threshold': setThreshold,
  'ack-alert': ackAlert,
  'resolve-alert': resolveAlert,
  'silence-host': silenceHost,
  'set-tenant-settings': setTenantSettings,
  'schedule-maintenance': scheduleMaintenance,
  'cancel-maintenance': cancelMaintenance,
};

/**
 * The server side of a payload's kind. The one cast of the registry: TypeScript cannot tie a
 * payload of a union type to its own entry, which the mapped type above guarantees.
 */
export function serverKindOf<K extends CommandKind>(payload: PayloadOf<K>): ServerCommandKind<K> {
  return SERVER_COMMAND_KINDS[payload.kind as K];
}
