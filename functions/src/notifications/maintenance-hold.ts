import { maintenanceOf, type AlertDoc, type MaintenanceWindows } from '@pulseboard/contracts';

export interface MaintenanceHold<T> {
  /** What no window holds: to be sent. */
  sent: T[];
  /** What a window holds, with the window's id: sent to nobody, and said so in the log. */
  held: Array<{ item: T; suppressedBy: string }>;
}

/**
 * Splits notifications (the sweep's reminders) by whether their alert's host is under a
 * maintenance window at `at(item)`.
 * The tenant keeps at most MAINTENANCE_LIMITS.windows windows, so each item costs that at most.
 */
export function holdForMaintenance<T>(
  items: readonly T[],
  windows: MaintenanceWindows | undefined,
  alertOf: (item: T) => AlertDoc,
  at: (item: T) => number,
): MaintenanceHold<T> {
  const hold: MaintenanceHold<T> = { sent: [], held: [] };
  for (const item of items) {
    const suppressedBy = maintenanceOf(windows, alertOf(item).host, at(item));
    if (suppressedBy === null) hold.sent.push(item);
    else hold.held.push({ item, suppressedBy });
  }
  return hold;
}
