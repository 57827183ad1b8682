import { createHash } from 'node:crypto';
import { logger } from 'firebase-functions';
import { FUNCTIONS_REGION, LIVE_SLOT_MS, type LiveFoldTask, type LiveSummary } from '@pulseboard/contracts';
import { taskQueues } from '../shared/admin';
import { overviewWatched } from './overview-watched';

/** The foldLiveSummary function's queue. */
const LIVE_FOLD_QUEUE = `locations/${FUNCTIONS_REGION}/functions/foldLiveSummary`;

/**
 * Per summary, tenants whose slot this instance already enqueued, so a busy tenant costs two
 * enqueues a slot per instance at most, not two a batch.
 */
const enqueuedSlots: Record<LiveSummary, Map<string, number>> = { slotEnd: new Map(), midSlot: new Map() };
/** The most tenants the memo above keeps; past it, it starts over (an extra enqueue is refused by the queue, never a second fold). */
const ENQUEUED_SLOTS_KEPT = 1_000;

/**
 * The Cloud Tasks id of a tenant's fold of one summary for one slot: the same for every batch of
 * the slot, so the queue refuses all but the first (Cloud Tasks and its emulator answer 409: the
 * normal case). Hashed, because Cloud Tasks dispatches ids with a shared prefix more slowly.
 */
export function liveFoldTaskId(tenantId: string, slot: number, summary: LiveSummary): string {
  return createHash('sha256').update(JSON.stringify(['live', tenantId, slot, summary])).digest('hex');
}

/** When a fold task runs: at its slot's end, or half a slot before it for the mid-slot summary. */
export function liveFoldTime({ slotEnd, summary }: LiveFoldTask): number {
  return summary === 'slotEnd' ? slotEnd : slotEnd - LIVE_SLOT_MS / 2;
}

function isTaskAlreadyEnqueued(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'functions/task-already-exists';
}

/** Attempts of one enqueue at most, and the pause before each retry: a blip of the queue's API costs a batch well under a second. */
export const LIVE_FOLD_ENQUEUE_ATTEMPTS = 3;
const LIVE_FOLD_ENQUEUE_PAUSE_MS = 200;

/** The queue a fold is enqueued on: Cloud Tasks (its emulator locally); a parameter so its failures can be tested. */
export type EnqueueFoldTask = (task: LiveFoldTask, options: { id: string; scheduleTime: Date }) => Promise<unknown>;

/** What a fold is asked through: the queue, and whether anyone watches the tenant's overview (overviewWatched). */
export interface FoldRequests {
  enqueue: EnqueueFoldTask;
  watched: (tenantId: string) => Promise<boolean>;
}

const enqueueOnQueue: EnqueueFoldTask = (task, options) => taskQueues.taskQueue<LiveFoldTask>(LIVE_FOLD_QUEUE).enqueue(task, options);
const foldRequests: FoldRequests = { enqueue: enqueueOnQueue, watched: overviewWatched };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every attempt to enqueue a fold failed: the batch it follows has committed, but nothing may fold
 * it until the tenant's next batch. The caller says so to whoever can ask again (ingest: 503).
 */
export class LiveFoldNotEnqueued extends Error {
  constructor(
    readonly tenantId: string,
    attempts: number,
    cause: unknown,
  ) {
    super(`The live overview's fold of ${tenantId} could not be enqueued after ${attempts} attempt(s): ${String(cause)}`);
    this.name = 'LiveFoldNotEnqueued';
  }
}

/**
 * Asks for the folds that show a batch committed at `at` on the tenant's live overview: the fold at
 * the end of its slot (the summary, the parts, the hosts table's pages), and, in the slot's first
 * half of a tenant whose overview someone watches, the mid-slot summary too, so the overview shows
 * it half a slot sooner (an unwatched tenant does not pay for it). The slot's end fold
 * is retried on failure (other than "already enqueued", the normal case) up to
 * LIVE_FOLD_ENQUEUE_ATTEMPTS times, the task id keeping retries to one fold, and throws
 * LiveFoldNotEnqueued when every attempt failed; the mid-slot summary is asked once, and a failure
 * only logged: the slot's end shows the batch half a second later.
 */
export async function enqueueLiveFold(tenantId: string, at: number, { enqueue, watched }: FoldRequests = foldRequests): Promise<void> {
  const slot = Math.floor(at / LIVE_SLOT_MS);
  const firstHalf = at - slot * LIVE_SLOT_MS < LIVE_SLOT_MS / 2;
  await Promise.all([enqueueOnce(tenantId, slot, 'slotEnd', LIVE_FOLD_ENQUEUE_ATTEMPTS, enqueue), firstHalf ? enqueueMidSlot(tenantId, slot, enqueue, watched) : undefined]);
}

/** The mid-slot summary's fold, for a watched tenant only, asked once: a failure is logged, and the slot's end shows the batch. */
async function enqueueMidSlot(tenantId: string, slot: number, enqueue: EnqueueFoldTask, watched: FoldRequests['watched']): Promise<void> {
  if (!(await watched(tenantId))) return;
  try {
    await enqueueOnce(tenantId, slot, 'midSlot', 1, enqueue);
  } catch (error) {
    if (!(error instanceof LiveFoldNotEnqueued)) throw error;
    logger.warn('live overview mid-slot fold not enqueued; the slot\'s end shows the batch', { tenantId, slot, error: error.message });
  }
}

/** Enqueues the fold of one summary for a slot unless this instance already did, in at most `attempts` attempts. */
async function enqueueOnce(tenantId: string, slot: number, summary: LiveSummary, attempts: number, enqueue: EnqueueFoldTask): Promise<void> {
  const task: LiveFoldTask = { tenantId, slotEnd: (slot + 1) * LIVE_SLOT_MS, summary };
  const memo = enqueuedSlots[summary];
  if (memo.get(tenantId) === slot) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await enqueue(task, { id: liveFoldTaskId(tenantId, slot, summary), scheduleTime: new Date(liveFoldTime(task)) });
      break;
    } catch (error) {
      if (isTaskAlreadyEnqueued(error)) break;
      if (attempt >= attempts) throw new LiveFoldNotEnqueued(tenantId, attempts, error);
      logger.warn('live overview fold not enqueued; trying again', { tenantId, slot, summary, attempt, error: String(error) });
      await pause(LIVE_FOLD_ENQUEUE_PAUSE_MS * attempt);
    }
  }
  if (memo.size >= ENQUEUED_SLOTS_KEPT) memo.clear();
  memo.set(tenantId, slot);
}
