import { logger } from 'firebase-functions';
import { alertDoc, channelDoc, NOTIFICATION_LIMITS, paths, type MaintenanceWindows } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { dispatchDeliveries } from './dispatch-deliveries';
import { holdForMaintenance } from './maintenance-hold';
import { planReminders } from './plan-reminders';

/**
 * The silent-host sweep's second job, every minute per tenant: re-sends the critical alerts left
 * open to the channels that ask for it (planReminders). Reads: 1 query of the channels with a
 * re-notify period (1 read when there are none), and only when there are some, the tenant's open
 * critical alerts (at most NOTIFICATION_LIMITS.remindersAlertsPerSweep). Writes: one delivery
 * per reminder due. An alert whose host is under a maintenance window now (the tenant document the
 * sweep already read) is reminded of by nobody; its next period boundary after the window is.
 * Answers whether some enabled channel has a period (the sweep then remembers `now` as the end of
 * the window it covered).
 */
export async function sendReminders(tenantId: string, since: number, now: number, maintenance: MaintenanceWindows | undefined): Promise<boolean> {
  const withPeriod = await db
    .collection(paths.channels(tenantId))
    .where('renotifyEveryMinutes', '>', 0)
    .limit(NOTIFICATION_LIMITS.channelsPerTenant)
    .get();
  const channels = withPeriod.docs.flatMap((doc) => {
    const parsed = channelDoc.safeParse(doc.data());
    return parsed.success && parsed.data.enabled ? [{ id: doc.id, reminders: parsed.data }] : [];
  });
  if (channels.length === 0) return false;
  const open = await db
    .collection(paths.alerts(tenantId))
    .where('state', '==', 'open')
    .where('level', '==', 'critical')
    .limit(NOTIFICATION_LIMITS.remindersAlertsPerSweep)
    .get();
  const alerts = open.docs.flatMap((doc) => {
    const parsed = alertDoc.safeParse(doc.data());
    return parsed.success ? [{ id: doc.id, doc: parsed.data }] : [];
  });
  const { sent, held } = holdForMaintenance(alerts, maintenance, (alert) => alert.doc, () => now);
  if (held.length > 0) {
    logger.info('reminders held by maintenance', { tenantId, suppressedBy: Object.fromEntries(held.map(({ item, suppressedBy }) => [item.id, suppressedBy])) });
  }
  const planned = planReminders({ since, now }, sent, channels);
  await dispatchDeliveries(tenantId, planned);
  return true;
}
