import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

interface EmulatedQueue {
  enqueue(task: object): void;
  isActive(): boolean;
}
const { TaskQueueController } = require('firebase-tools/lib/emulator/tasksEmulator') as { TaskQueueController: { LISTEN_TIMEOUT: unknown } };
const { TaskQueue } = require('firebase-tools/lib/emulator/taskQueue') as { TaskQueue: new (key: string, config: object) => EmulatedQueue };
// firebase-tools 15's own value, read before the preload; a release that changes it may have changed the dispatch loop too.
const listenTimeoutBefore = TaskQueueController.LISTEN_TIMEOUT;
require('./tasks-dispatch.cjs');

const config = { rateLimits: { maxConcurrentDispatches: 1, maxDispatchesPerSecond: 1 }, retryConfig: {}, defaultUri: 'http://127.0.0.1/fold' };
const task = (name: string, scheduleTime?: Date) => ({ name, httpRequest: { url: '', body: {} }, ...(scheduleTime === undefined ? {} : { scheduleTime: scheduleTime.toISOString() }) });

describe('the Cloud Tasks emulator preload', () => {
  it('makes the emulator look at an idle queue every 50 ms, on the firebase-tools this project installs', () => {
    expect(listenTimeoutBefore).toBe(1_000);
    expect(TaskQueueController.LISTEN_TIMEOUT).toBe(50);
  });

  it('holds a task until its scheduleTime, refusing its name meanwhile, and enqueues one without a schedule at once', async () => {
    const queue = new TaskQueue('queue:fold', config);
    queue.enqueue(task('later', new Date(Date.now() + 200)));
    expect(queue.isActive()).toBe(false);
    expect(() => queue.enqueue(task('later', new Date(Date.now() + 200)))).toThrow(/already been queued/);
    await sleep(300);
    expect(queue.isActive()).toBe(true);
    expect(() => queue.enqueue(task('later'))).toThrow(/already been queued/);

    const now = new TaskQueue('queue:now', config);
    now.enqueue(task('due', new Date(Date.now() - 1)));
    expect(now.isActive()).toBe(true);
  });
});
