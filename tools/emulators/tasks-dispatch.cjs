/**
 * Preloaded into firebase-tools by tools/emulators/firebase.ts, so its Cloud Tasks emulator
 * dispatches as Cloud Tasks does in two ways the live overview's fold depends on
 * (docs/DATA-MODEL.md, "The live overview"):
 *
 * - A task is dispatched when it is due, not as soon as it is enqueued. The emulator ignores
 *   `scheduleTime`; the fold then slept in its function until its time, holding one of the
 *   Functions emulator's few workers (FUNCTIONS_EMULATOR_PARALLEL) for up to a second, and with a
 *   slot's end and its mid-slot fold asleep at once, ingest queued behind them under bench:cost's
 *   load. Here a task due later is held until then, its name taken at once (a second task of the
 *   same name is refused as already enqueued, as before), then enqueued.
 * - The emulator looks at its queues again at once while one holds a task, but only once a second
 *   when all are idle (TaskQueueController.LISTEN_TIMEOUT in firebase-tools 15), so a task reaching
 *   an idle queue waited up to a second before it was dispatched. Looking every 50 ms costs a timer
 *   callback over a few queues.
 */
const { TaskQueueController } = require('firebase-tools/lib/emulator/tasksEmulator');
const { TaskQueue } = require('firebase-tools/lib/emulator/taskQueue');

if (typeof TaskQueueController?.LISTEN_TIMEOUT !== 'number' || typeof TaskQueue?.prototype?.enqueue !== 'function') {
  throw new Error('firebase-tools changed its Cloud Tasks emulator: tools/emulators/tasks-dispatch.cjs no longer applies');
}
TaskQueueController.LISTEN_TIMEOUT = 50;

const enqueueNow = TaskQueue.prototype.enqueue;
TaskQueue.prototype.enqueue = function enqueueWhenDue(task) {
  const wait = Date.parse(task.scheduleTime ?? '') - Date.now();
  if (!(wait > 0)) return enqueueNow.call(this, task);
  if (this.queuedIds.has(task.name)) throw new Error(`A task has already been queued with id ${task.name}`);
  this.queuedIds.add(task.name);
  setTimeout(() => {
    this.queuedIds.delete(task.name);
    enqueueNow.call(this, task);
  }, wait).unref();
};
