import { alertDoc, channelDoc, NOTIFICATION_LIMITS, paths } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { dispatchDeliveries } from './dispatch-deliveries';
import { planReminders } from './plan-reminders';

/**
 * The silent-host sweep's second job, every minute per tenant: re-sends the critical alerts left
 * open to the channels that ask for it (planReminders). Reads: 1 query of the channels with a
 * re-notify period (1 read when there are none), and only when there are some, the tenant's open
 * critical alerts (at most NOTIFICATION_LIMITS.remindersAlertsPerSweep). Writes: one delivery
 * per reminder due. Answers whether some enabled channel has a period (the sweep then remembers
 * `now` as the end of the window it covered).
 */
export async function sendReminders(tenantId: string, since: number, now: number): Promise<boolean> {
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
  const planned = planReminders({ since, now }, alerts, channels);
  await dispatchDeliveries(tenantId, planned);
  return true;
}
