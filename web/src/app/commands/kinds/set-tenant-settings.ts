import type { TenantSettings } from '@pulseboard/contracts';
import type { Overlaid, PendingCommand } from '../pending-commands';
import { newestPending } from './newest-pending';
import type { WebCommandKind } from './web-command-kind';

/** The tenant's settings with the admin's newest pending change over the server's. */
export function overlaidTenantSettings(server: TenantSettings | null, pending: readonly PendingCommand[]): Overlaid<TenantSettings | null> {
  const newest = newestPending(pending, 'set-tenant-settings', () => true);
  return newest ? { value: newest.payload.settings, pendingId: newest.id } : { value: server, pendingId: null };
}

function summary({ name, thresholds, sustainSeconds, staleAfterSeconds }: TenantSettings): string {
  const levels = Object.entries(thresholds).map(([metric, { warning, critical }]) => `${metric} ${warning} / ${critical}`);
  return `name “${name}”; thresholds ${levels.join(', ') || 'none'}; sustain ${sustainSeconds} s; stale after ${staleAfterSeconds} s`;
}

export const setTenantSettings: WebCommandKind<'set-tenant-settings'> = {
  describe: () => 'Saving the tenant settings',
  requested: ({ settings }) => summary(settings),
  replaced: (previous) => summary(previous),
};
