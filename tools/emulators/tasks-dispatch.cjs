/**
 * Preloaded into firebase-tools by tools/emulators/firebase.ts. Its Cloud Tasks emulator looks at
 * its queues again at once while one holds a task, but only once a second when all are idle
 * (TaskQueueController.LISTEN_TIMEOUT in firebase-tools 15), so a task enqueued into an idle queue
 * waits up to a second before it is dispatched; Cloud Tasks dispatches a task when it is due. The
 * live overview's fold is such a task, asked for by the first batch of each slot
 * (docs/DATA-MODEL.md, "The live overview"), so under the emulator's wait the fold's lateness
 * read as the overview's latency. Looking every 50 ms costs a timer callback over a few queues.
 */
const { TaskQueueController } = require('firebase-tools/lib/emulator/tasksEmulator');

if (typeof TaskQueueController?.LISTEN_TIMEOUT !== 'number') {
  throw new Error('firebase-tools changed its Cloud Tasks emulator: tools/emulators/tasks-dispatch.cjs no longer applies');
}
TaskQueueController.LISTEN_TIMEOUT = 50;
