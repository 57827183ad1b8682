import { paths } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { createIfAbsent } from './create-if-absent';
import { enqueueDelivery } from './enqueue-delivery';
import { storedDelivery } from './stored-delivery';
import type { PlannedDelivery } from './plan-deliveries';

/**
 * Stores each planned delivery unless it exists and enqueues its first task. Safe to repeat: the
 * ids are deterministic, and the task is enqueued even when the delivery existed, since a previous
 * run may have died in between (the queue refuses a duplicate task id).
 */
export async function dispatchDeliveries(tenantId: string, planned: readonly PlannedDelivery[]): Promise<void> {
  await Promise.all(
    planned.map(async ({ id, doc }) => {
      await createIfAbsent(db.doc(paths.delivery(tenantId, id)), storedDelivery(doc));
      await enqueueDelivery({ tenantId, deliveryId: id, generation: 0 });
    }),
  );
}
