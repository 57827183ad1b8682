import * as z from 'zod';
import { safeId } from './ids';
import { emptyRecord, ownValue, recordOf } from './records';
import { epochMs } from './time';

/**
 * Bounds of a tenant's maintenance windows, judged by applyCommand (firestore.rules holds the
 * note's length too, so an oversized command is never stored).
 */
export const MAINTENANCE_LIMITS = {
  /** Windows a tenant keeps, scheduled or active; ended ones are pruned by every write of the map. */
  windows: 50,
  /** A window lasts from a minute to a week. */
  durationMs: { min: 60_000, max: 7 * 86_400_000 },
  /** It may be scheduled up to 90 days ahead. */
  startAheadMs: 90 * 86_400_000,
  noteLength: 200,
} as const;

/**
 * One maintenance window: while `start <= t < end`, its host (or every host of the tenant, when
 * `host` is null) opens no new alert and sends no notification.
 */
export const maintenanceWindow = z.object({
  /** null: the whole tenant. */
  host: safeId.nullable(),
  start: epochMs,
  end: epochMs,
  note: z.string().max(MAINTENANCE_LIMITS.noteLength),
  /** The uid of the operator who scheduled it. */
  createdBy: z.string(),
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindow>;

/** tenants/{t}.maintenance: window id -> window, at most MAINTENANCE_LIMITS.windows of them. */
export const maintenanceWindows = z.record(safeId, maintenanceWindow);
export type MaintenanceWindows = Readonly<Record<string, MaintenanceWindow>>;

/** The window is in force at `t`: from its start, up to (not including) its end. */
export function isActiveAt(window: Pick<MaintenanceWindow, 'start' | 'end'>, t: number): boolean {
  return window.start <= t && t < window.end;
}

/** The window covers this host: it is the host's own, or the whole tenant's. */
export function coversHost(window: Pick<MaintenanceWindow, 'host'>, host: string): boolean {
  return window.host === null || window.host === host;
}

/**
 * The id of a window that holds this host under maintenance at `t`, or null when none does (the
 * first by id, so the answer is the same for the same map). The map is bounded by
 * MAINTENANCE_LIMITS.windows.
 */
export function maintenanceOf(windows: MaintenanceWindows | undefined, host: string, t: number): string | null {
  const covering = Object.entries(windows ?? {})
    .filter(([, window]) => coversHost(window, host) && isActiveAt(window, t))
    .map(([id]) => id)
    .sort();
  return covering[0] ?? null;
}

/** Of these hosts, those under maintenance at `t`, each with the id of the window that holds it. */
export function hostsUnderMaintenance(windows: MaintenanceWindows | undefined, hosts: Iterable<string>, t: number): Map<string, string> {
  const under = new Map<string, string>();
  for (const host of hosts) {
    const id = maintenanceOf(windows, host, t);
    if (id !== null) under.set(host, id);
  }
  return under;
}

/** The windows still to come or in force at `now`: an ended one is pruned. */
export function unendedWindows(windows: MaintenanceWindows | undefined, now: number): Record<string, MaintenanceWindow> {
  return recordOf(Object.entries(windows ?? emptyRecord<MaintenanceWindow>()).filter(([, window]) => window.end > now));
}

/** The window under this id, never one inherited through the prototype (ids are the operators'). */
export const windowById = (windows: MaintenanceWindows | undefined, id: string): MaintenanceWindow | undefined => ownValue(windows, id);
