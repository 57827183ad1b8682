import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { getFunctions } from 'firebase-admin/functions';

// One Admin app per function instance; the emulator and production both provide credentials.
const app = getApps()[0] ?? initializeApp();

export const db = getFirestore(app);
export const auth = getAuth(app);
/** Cloud Tasks queues of our own functions (the tasks emulator when CLOUD_TASKS_EMULATOR_HOST is set). */
export const taskQueues = getFunctions(app);
/**
 * Whether the task queues dispatch a task at its scheduleTime: Cloud Tasks does; the tasks emulator
 * (CLOUD_TASKS_EMULATOR_HOST, the same variable the Admin SDK routes by) dispatches every task at
 * once, unless started with the project's preload (tools/emulators/tasks-dispatch.cjs), which a
 * function cannot tell: taken as not.
 */
export const queuesHonourSchedules = (process.env['CLOUD_TASKS_EMULATOR_HOST'] ?? '') === '';
