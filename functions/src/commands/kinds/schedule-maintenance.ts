import {
  MAINTENANCE_LIMITS,
  recordOf,
  paths,
  unendedWindows,
  windowById,
  type MaintenanceWindow,
  type MaintenanceWindows,
  type PayloadOf,
} from '@pulseboard/contracts';
import { db } from '../../shared/admin';
import { NOTHING_WANTED, reject, serverKind } from './server-kind';

const { windows: WINDOWS_MAX, durationMs, startAheadMs, noteLength } = MAINTENANCE_LIMITS;

const scopeOf = (host: string | null): string => (host === null ? 'the whole tenant' : host);

/** Two windows of one scope (the same host, or both the whole tenant's) share some time. */
function overlapping(window: Pick<MaintenanceWindow, 'host' | 'start' | 'end'>, other: MaintenanceWindow): boolean {
  return window.host === other.host && window.start < other.end && other.start < window.end;
}

/**
 * Why this window cannot be added to the tenant's unended windows at `now`, or null when it can.
 * A window of another scope may overlap (a host's own inside a tenant-wide one); one of the same
 * scope may not, so cancelling one window never leaves another of the same host half in force.
 */
export function scheduleProblem(
  { windowId, host, start, end, note }: PayloadOf<'schedule-maintenance'>,
  unended: MaintenanceWindows,
  now: number,
): string | null {
  if (end <= start) return 'A maintenance window must end after it starts.';
  if (end <= now) return 'A maintenance window must end in the future.';
  if (end - start < durationMs.min || end - start > durationMs.max) {
    return `A maintenance window lasts from ${durationMs.min / 60_000} minute to ${durationMs.max / 86_400_000} days.`;
  }
  if (start > now + startAheadMs) return `A maintenance window starts at most ${startAheadMs / 86_400_000} days ahead.`;
  if (note.length > noteLength) return `The note must be at most ${noteLength} characters long.`;
  if (windowById(unended, windowId) !== undefined) return `A maintenance window ${windowId} already exists.`;
  const clash = Object.entries(unended).find(([, other]) => overlapping({ host, start, end }, other));
  if (clash !== undefined) return `Maintenance window ${clash[0]} already covers ${scopeOf(host)} for part of that time; cancel it first.`;
  if (Object.keys(unended).length >= WINDOWS_MAX) {
    return `A tenant keeps at most ${WINDOWS_MAX} maintenance windows; cancel one first.`;
  }
  return null;
}

export const scheduleMaintenance = serverKind<'schedule-maintenance', Record<string, MaintenanceWindow>>({
  wants: () => ({ ...NOTHING_WANTED, tenant: true }),
  decide(payload, { tenant, requestedBy, now }) {
    if (tenant === null) return reject('The tenant document does not exist.');
    // Ended windows are pruned by every write, so the map never holds more than the limit.
    const unended = unendedWindows(tenant.maintenance, now);
    const problem = scheduleProblem(payload, unended, now);
    if (problem !== null) return reject(problem);
    const { windowId, host, start, end, note } = payload;
    const window: MaintenanceWindow = { host, start, end, note, createdBy: requestedBy };
    return { status: 'applied', previous: null, change: recordOf([...Object.entries(unended), [windowId, window]]) };
  },
  apply(tx, tenantId, windows) {
    // The whole map, replaced: the pruned windows go with the same write.
    tx.update(db.doc(paths.tenant(tenantId)), { maintenance: windows });
  },
  audit: ({ windowId, host, start, end, note }) => ({ target: `maintenance/${windowId}`, newValue: { host, start, end, note } }),
});
