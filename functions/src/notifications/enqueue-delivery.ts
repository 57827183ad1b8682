import { createHash } from 'node:crypto';
import { FUNCTIONS_REGION, type DeliveryTask } from '@pulseboard/contracts';
import { taskQueues } from '../shared/admin';

/** The deliverNotification function's queue. */
const DELIVERY_QUEUE = `locations/${FUNCTIONS_REGION}/functions/deliverNotification`;

/**
 * The Cloud Tasks id of one generation of one delivery: the same task for a redelivered trigger,
 * so the queue refuses the duplicate. Hashed, because task ids allow only letters, digits, `-`
 * and `_` (delivery ids hold `.` and `:`), and because Cloud Tasks dispatches sequential ids
 * (a shared prefix) more slowly. The tenant is inside: one queue serves every tenant.
 */
export function deliveryTaskId(task: DeliveryTask): string {
  return createHash('sha256').update(JSON.stringify([task.tenantId, task.deliveryId, task.generation])).digest('hex');
}

function isTaskAlreadyEnqueued(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'functions/task-already-exists';
}

/** Enqueues the delivery's task once: a second enqueue of the same generation is a no-op. */
export async function enqueueDelivery(task: DeliveryTask): Promise<'enqueued' | 'already-enqueued'> {
  try {
    await taskQueues.taskQueue<DeliveryTask>(DELIVERY_QUEUE).enqueue(task, { id: deliveryTaskId(task) });
    return 'enqueued';
  } catch (error) {
    if (isTaskAlreadyEnqueued(error)) return 'already-enqueued';
    throw error;
  }
}
