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

/** Attempts of one enqueue at most, and the pause before each retry: a blip of the queue's API costs a batch well under a second. */
export const LIVE_FOLD_ENQUEUE_ATTEMPTS = 3;
const LIVE_FOLD_ENQUEUE_PAUSE_MS = 200;

/** The queue a fold is enqueued on: Cloud Tasks (its emulator locally); a parameter so its failures can be tested. */
export type EnqueueFoldTask = (task: LiveFoldTask, options: { id: string; scheduleTime: Date }) => Promise<unknown>;

const enqueueOnQueue: EnqueueFoldTask = (task, options) => taskQueues.taskQueue<LiveFoldTask>(LIVE_FOLD_QUEUE).enqueue(task, options);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every attempt to enqueue a fold failed: the batch it follows has committed, but nothing may fold
 * it until the tenant's next batch. The caller says so to whoever can ask again (ingest: 503).
 */
export class LiveFoldNotEnqueued extends Error {
  constructor(
    readonly tenantId: string,
    cause: unknown,
  ) {
    super(`The live overview's fold of ${tenantId} could not be enqueued after ${LIVE_FOLD_ENQUEUE_ATTEMPTS} attempts: ${String(cause)}`);
    this.name = 'LiveFoldNotEnqueued';
  }
}

/**
 * Asks for a fold of the tenant's live overview at the end of the slot `at` falls in, retrying a
 * failure (other than "already enqueued", the normal case) up to LIVE_FOLD_ENQUEUE_ATTEMPTS times;
 * the task id keeps retries to one fold. Throws LiveFoldNotEnqueued when every attempt failed.
 */
export async function enqueueLiveFold(tenantId: string, at: number, enqueue: EnqueueFoldTask = enqueueOnQueue): Promise<void> {
  const slot = Math.floor(at / LIVE_SLOT_MS);
  if (enqueuedSlots.get(tenantId) === slot) return;
  const task: LiveFoldTask = { tenantId, slotEnd: (slot + 1) * LIVE_SLOT_MS };
  for (let attempt = 1; ; attempt++) {
    try {
      await enqueue(task, { id: liveFoldTaskId(tenantId, slot), scheduleTime: new Date(task.slotEnd) });
      break;
    } catch (error) {
      if (isTaskAlreadyEnqueued(error)) break;
      if (attempt >= LIVE_FOLD_ENQUEUE_ATTEMPTS) throw new LiveFoldNotEnqueued(tenantId, error);
      logger.warn('live overview fold not enqueued; trying again', { tenantId, slot, attempt, error: String(error) });
      await pause(LIVE_FOLD_ENQUEUE_PAUSE_MS * attempt);
    }
  }
  if (enqueuedSlots.size >= ENQUEUED_SLOTS_KEPT) enqueuedSlots.clear();
  enqueuedSlots.set(tenantId, slot);
}
