import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('the Cloud Tasks emulator preload', () => {
  it('makes the emulator look at an idle queue every 50 ms, on the firebase-tools this project installs', () => {
    const { TaskQueueController } = require('firebase-tools/lib/emulator/tasksEmulator') as { TaskQueueController: { LISTEN_TIMEOUT: unknown } };
    // firebase-tools 15's own value; a release that changes it may have changed the dispatch loop too.
    expect(TaskQueueController.LISTEN_TIMEOUT).toBe(1_000);
    require('./tasks-dispatch.cjs');
    expect(TaskQueueController.LISTEN_TIMEOUT).toBe(50);
  });
});
