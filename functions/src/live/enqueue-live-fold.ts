import { createHash } from 'node:crypto';
import { logger } from 'firebase-functions';
import { FUNCTIONS_REGION, LIVE_SLOT_MS, type LiveFoldTask } from '@pulseboard/contracts';
import { taskQueues } from '../shared/admin';

/** The foldLiveSummary function's queue. */
const LIVE_FOLD_QUEUE = `locations/${FUNCTIONS_REGION}/functions/foldLiveSummary`;

/** Tenants whose slot this instance already enqueued, so a busy tenant costs one enqueue a slot per instance, not one a batch. */
const enqueuedSlots = new Map<string, number>();
/** The most tenants the memo above keeps; past it, it starts over (an extra enqueue is refused by the queue, never a second fold). */
const ENQUEUED_SLOTS_KEPT = 1_000;

/**
 * The Cloud Tasks id of a tenant's fold for one slot: the same for every batch of the slot, so the
 * queue refuses all but the first (Cloud Tasks and its emulator answer 409: the normal case).
 * Hashed, because Cloud Tasks dispatches ids with a shared prefix more slowly.
 */
export function liveFoldTaskId(tenantId: string, slot: number): string {
  return createHash('sha256').update(JSON.stringify(['live', tenantId, slot])).digest('hex');
}

function isTaskAlreadyEnqueued(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'functions/task-already-exists';
}

/**
 * Asks for a fold of the tenant's live overview at the end of the slot `at` falls in. A failure is
 * logged, never the caller's: the batch it follows has committed, and the next batch asks again.
 */
export async function enqueueLiveFold(tenantId: string, at: number): Promise<void> {
  const slot = Math.floor(at / LIVE_SLOT_MS);
  if (enqueuedSlots.get(tenantId) === slot) return;
  const task: LiveFoldTask = { tenantId, slotEnd: (slot + 1) * LIVE_SLOT_MS };
  try {
    await taskQueues.taskQueue<LiveFoldTask>(LIVE_FOLD_QUEUE).enqueue(task, { id: liveFoldTaskId(tenantId, slot), scheduleTime: new Date(task.slotEnd) });
  } catch (error) {
    if (!isTaskAlreadyEnqueued(error)) {
      logger.warn('live overview fold not enqueued', { tenantId, slot, error: String(error) });
      return;
    }
  }
  if (enqueuedSlots.size >= ENQUEUED_SLOTS_KEPT) enqueuedSlots.clear();
  enqueuedSlots.set(tenantId, slot);
}
