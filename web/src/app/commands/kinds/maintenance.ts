import type { MaintenanceWindow, MaintenanceWindows } from '@pulseboard/contracts';
import type { PendingCommand } from '../pending-commands';
import type { WebCommandKind } from './web-command-kind';

/** A maintenance window as a view shows it: the server's, or one the operator's pending command adds. */
export interface ShownWindow extends Omit<MaintenanceWindow, 'createdBy'> {
  readonly id: string;
  /** The operator's command whose window is showing; null when the server's is. */
  readonly pendingId: string | null;
}

/**
 * The tenant's windows with the operator's pending commands over them, in submission order: a
 * pending schedule shows its window at once, a pending cancel takes it away at once (a rejection
 * brings it back, with a notice). Soonest first. At most MAINTENANCE_LIMITS.windows from the
 * server, plus the operator's own pending commands.
 */
export function overlaidMaintenance(server: MaintenanceWindows | undefined, pending: readonly PendingCommand[]): ShownWindow[] {
  const shown = new Map<string, ShownWindow>(
    Object.entries(server ?? {}).map(([id, { host, start, end, note }]) => [id, { id, host, start, end, note, pendingId: null }]),
  );
  for (const { id: pendingId, payload } of pending) {
    if (payload.kind === 'schedule-maintenance') {
      const { windowId, host, start, end, note } = payload;
      shown.set(windowId, { id: windowId, host, start, end, note, pendingId });
    } else if (payload.kind === 'cancel-maintenance') {
      shown.delete(payload.windowId);
    }
  }
  return [...shown.values()].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

const scopeOf = (host: string | null): string => (host === null ? 'the whole workspace' : host);
const at = (epochMs: number): string => new Date(epochMs).toLocaleString();

/** A window in a sentence: "web-01, 02/12/2026, 18:00:00 – 19:00:00: kernel upgrade". */
export function describeWindow({ host, start, end, note }: Pick<MaintenanceWindow, 'host' | 'start' | 'end' | 'note'>): string {
  return `${scopeOf(host)}, ${at(start)} – ${at(end)}${note === '' ? '' : `: ${note}`}`;
}

export const scheduleMaintenance: WebCommandKind<'schedule-maintenance'> = {
  describe: ({ host }) => `Scheduling maintenance of ${scopeOf(host)}`,
  requested: (payload) => describeWindow(payload),
  replaced: () => 'no window',
};

export const cancelMaintenance: WebCommandKind<'cancel-maintenance'> = {
  describe: ({ windowId }) => `Cancelling maintenance window ${windowId}`,
  requested: () => 'cancelled',
  replaced: (previous) => describeWindow(previous),
};
