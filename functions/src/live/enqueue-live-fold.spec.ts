import { describe, expect, it } from 'vitest';
import { LIVE_SLOT_MS, type LiveFoldTask } from '@pulseboard/contracts';
import { enqueueLiveFold, LIVE_FOLD_ENQUEUE_ATTEMPTS, LiveFoldNotEnqueued, liveFoldTaskId, type EnqueueFoldTask } from './enqueue-live-fold';

/** A queue that fails the first `failures` calls with `error`, then takes the task; it records every call. */
function flakyQueue(failures: number, error: unknown = new Error('UNAVAILABLE: the queue is down')) {
  const calls: { task: LiveFoldTask; id: string }[] = [];
  const enqueue: EnqueueFoldTask = async (task, { id }) => {
    calls.push({ task, id });
    if (calls.length <= failures) throw error;
  };
  return { calls, enqueue };
}

const at = 1_800_000_000_500;

describe('enqueueLiveFold', () => {
  it('retries a failed enqueue with the same task id, so the batch before a quiet period is still folded', async () => {
    const queue = flakyQueue(1);
    await enqueueLiveFold('retried', at, queue.enqueue);
    expect(queue.calls).toHaveLength(2);
    const slot = Math.floor(at / LIVE_SLOT_MS);
    expect(queue.calls.map((call) => call.id)).toEqual([liveFoldTaskId('retried', slot), liveFoldTaskId('retried', slot)]);
    expect(queue.calls[1]?.task).toEqual({ tenantId: 'retried', slotEnd: (slot + 1) * LIVE_SLOT_MS });
  });

  it('throws once every attempt failed, and asks again on the next call (nothing remembered as enqueued)', async () => {
    const queue = flakyQueue(LIVE_FOLD_ENQUEUE_ATTEMPTS);
    await expect(enqueueLiveFold('down', at, queue.enqueue)).rejects.toBeInstanceOf(LiveFoldNotEnqueued);
    expect(queue.calls).toHaveLength(LIVE_FOLD_ENQUEUE_ATTEMPTS);
    await enqueueLiveFold('down', at, queue.enqueue);
    expect(queue.calls).toHaveLength(LIVE_FOLD_ENQUEUE_ATTEMPTS + 1);
  });

  it('takes "already enqueued" as done, without a retry, and asks once a slot afterwards', async () => {
    const queue = flakyQueue(1, Object.assign(new Error('exists'), { code: 'functions/task-already-exists' }));
    await enqueueLiveFold('taken', at, queue.enqueue);
    await enqueueLiveFold('taken', at + 1, queue.enqueue);
    expect(queue.calls).toHaveLength(1);
  });
});
