import { describe, expect, it } from 'vitest';
import { LIVE_SLOT_MS, type LiveFoldTask } from '@pulseboard/contracts';
import { enqueueLiveFold, LIVE_FOLD_ENQUEUE_ATTEMPTS, LiveFoldNotEnqueued, liveFoldTaskId, type EnqueueFoldTask, type FoldRequests } from './enqueue-live-fold';

/** A queue that fails the first `failures` calls with `error`, then takes the task; it records every call. */
function flakyQueue(failures: number, error: unknown = new Error('UNAVAILABLE: the queue is down')) {
  const calls: { task: LiveFoldTask; id: string; scheduleTime: Date }[] = [];
  const enqueue: EnqueueFoldTask = async (task, { id, scheduleTime }) => {
    calls.push({ task, id, scheduleTime });
    if (calls.length <= failures) throw error;
  };
  return { calls, enqueue };
}

/** The fold requests through `enqueue`, for a tenant whose overview someone watches (or not). */
const watchedBy = (enqueue: EnqueueFoldTask, watched = true): FoldRequests => ({ enqueue, watched: async () => watched });

/** In a slot's second half: only the slot's end is asked for. */
const at = 1_800_000_000_500;

describe('enqueueLiveFold', () => {
  it('retries a failed enqueue with the same task id, so the batch before a quiet period is still folded', async () => {
    const queue = flakyQueue(1);
    await enqueueLiveFold('retried', at, watchedBy(queue.enqueue));
    expect(queue.calls).toHaveLength(2);
    const slot = Math.floor(at / LIVE_SLOT_MS);
    expect(queue.calls.map((call) => call.id)).toEqual([liveFoldTaskId('retried', slot, 'slotEnd'), liveFoldTaskId('retried', slot, 'slotEnd')]);
    expect(queue.calls[1]?.task).toEqual({ tenantId: 'retried', slotEnd: (slot + 1) * LIVE_SLOT_MS, summary: 'slotEnd' });
  });

  it('throws once every attempt failed, and asks again on the next call (nothing remembered as enqueued)', async () => {
    const queue = flakyQueue(LIVE_FOLD_ENQUEUE_ATTEMPTS);
    await expect(enqueueLiveFold('down', at, watchedBy(queue.enqueue))).rejects.toBeInstanceOf(LiveFoldNotEnqueued);
    expect(queue.calls).toHaveLength(LIVE_FOLD_ENQUEUE_ATTEMPTS);
    await enqueueLiveFold('down', at, watchedBy(queue.enqueue));
    expect(queue.calls).toHaveLength(LIVE_FOLD_ENQUEUE_ATTEMPTS + 1);
  });

  it('takes "already enqueued" as done, without a retry, and asks once a slot afterwards', async () => {
    const queue = flakyQueue(1, Object.assign(new Error('exists'), { code: 'functions/task-already-exists' }));
    await enqueueLiveFold('taken', at, watchedBy(queue.enqueue));
    await enqueueLiveFold('taken', at + 1, watchedBy(queue.enqueue));
    expect(queue.calls).toHaveLength(1);
  });

  it('asks for the mid-slot summary too in a slot\'s first half, each fold once a slot, at its time', async () => {
    const queue = flakyQueue(0);
    const slotStart = 1_800_000_001_000;
    await enqueueLiveFold('halves', slotStart + 100, watchedBy(queue.enqueue));
    await enqueueLiveFold('halves', slotStart + 400, watchedBy(queue.enqueue));
    await enqueueLiveFold('halves', slotStart + 700, watchedBy(queue.enqueue));
    const slot = slotStart / LIVE_SLOT_MS;
    const asked = queue.calls.map(({ task, id, scheduleTime }) => ({ summary: task.summary, id, at: scheduleTime.getTime() }));
    expect(asked).toHaveLength(2);
    expect(asked).toContainEqual({ summary: 'slotEnd', id: liveFoldTaskId('halves', slot, 'slotEnd'), at: slotStart + LIVE_SLOT_MS });
    expect(asked).toContainEqual({ summary: 'midSlot', id: liveFoldTaskId('halves', slot, 'midSlot'), at: slotStart + LIVE_SLOT_MS / 2 });
    expect(liveFoldTaskId('halves', slot, 'slotEnd')).not.toBe(liveFoldTaskId('halves', slot, 'midSlot'));
  });

  it('asks for the mid-slot summary once, and a failure to enqueue it does not fail the batch', async () => {
    const failing = new Set(['midSlot']);
    const calls: LiveFoldTask[] = [];
    const enqueue: EnqueueFoldTask = async (task) => {
      calls.push(task);
      if (failing.has(task.summary)) throw new Error('UNAVAILABLE: the queue is down');
    };
    await enqueueLiveFold('mid-down', 1_800_000_002_100, watchedBy(enqueue));
    expect(calls.map((task) => task.summary).sort()).toEqual(['midSlot', 'slotEnd']);
  });

  it('asks for no mid-slot summary while nobody watches the overview, and does once someone does', async () => {
    const queue = flakyQueue(0);
    const slotStart = 1_800_000_003_000;
    await enqueueLiveFold('unwatched', slotStart + 100, watchedBy(queue.enqueue, false));
    expect(queue.calls.map((call) => call.task.summary)).toEqual(['slotEnd']);
    await enqueueLiveFold('unwatched', slotStart + 200, watchedBy(queue.enqueue, true));
    expect(queue.calls.map((call) => call.task.summary)).toEqual(['slotEnd', 'midSlot']);
  });
});
