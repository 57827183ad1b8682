import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { logger } from 'firebase-functions';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { alertDoc, channelDoc, maintenanceOf, NOTIFICATION_LIMITS, paths, tenantDoc, type AlertDoc, type MaintenanceWindows } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { countingWrites, writesSoFar } from '../shared/document-writes';
import { alertTransitions, planDeliveries } from './plan-deliveries';
import { dispatchDeliveries } from './dispatch-deliveries';

function alertOf(snapshot: DocumentSnapshot | undefined): AlertDoc | null {
  const parsed = alertDoc.safeParse(snapshot?.data());
  return parsed.success ? parsed.data : null;
}

/** The tenant's maintenance windows; an unreadable tenant document holds none (the notification goes). */
async function maintenanceWindowsOf(tenantId: string): Promise<MaintenanceWindows | undefined> {
  const tenant = tenantDoc.safeParse((await db.doc(paths.tenant(tenantId)).get()).data());
  return tenant.success ? tenant.data.maintenance : undefined;
}

/**
 * The alert document is the outbox: every write of it that is a transition (opened, escalated,
 * acknowledged, resolved) owes one delivery per enabled channel that hears it. Ingest, the sweep
 * and applyCommand change alerts in their own transactions and know nothing of channels.
 * Firestore triggers are at-least-once, so everything here is idempotent: the delivery ids are
 * deterministic and created only if absent, the task ids derive from them, and retry: true
 * re-runs a failed invocation until every delivery is stored and enqueued.
 * A transition whose host is under a maintenance window when the trigger runs (just after the
 * write committed) is sent to nobody, and logged as held: while a window is in force nothing is
 * sent for its hosts. (The event's `time` is not used: in the emulator it did not fall inside a
 * window the write committed in.)
 * Cost per transition: 1 channel query (reads as many documents as enabled channels, at most
 * 20), and when some channel hears it, 1 read of the tenant document (its maintenance windows),
 * 1 delivery write and 1 task per matching channel. Writes that change only values: no reads.
 */
export const notifyAlertTransition = onDocumentWritten(
  { document: 'tenants/{tenantId}/alerts/{alertId}', retry: true },
  (event) =>
    countingWrites(async () => {
      const { tenantId, alertId } = event.params;
      const before = alertOf(event.data?.before);
      const after = alertOf(event.data?.after);
      if (alertTransitions(before, after).length === 0) return;

      const enabled = await db
        .collection(paths.channels(tenantId))
        .where('enabled', '==', true)
        .limit(NOTIFICATION_LIMITS.channelsPerTenant)
        .get();
      const channels = enabled.docs.flatMap((doc) => {
        const parsed = channelDoc.safeParse(doc.data());
        return parsed.success ? [{ id: doc.id, filters: parsed.data }] : [];
      });
      const now = Date.now();
      const planned = planDeliveries({ alertId, before, after, now }, channels);
      // Only a transition some channel hears is worth the tenant's read.
      const suppressedBy = after === null || planned.length === 0 ? null : maintenanceOf(await maintenanceWindowsOf(tenantId), after.host, now);
      if (suppressedBy !== null) {
        logger.info('alert transition held by maintenance', { eventId: event.id, tenantId, alertId, suppressedBy, deliveries: planned.map(({ id }) => id) });
      }
      const sent = suppressedBy === null ? planned : [];
      await dispatchDeliveries(tenantId, sent);
      logger.info('alert transition notified', { eventId: event.id, tenantId, alertId, deliveries: sent.map(({ id }) => id), ...writesSoFar() });
    }),
);
