import { defineConfig } from 'vitest/config';

/** Against the running emulators (started by `firebase emulators:exec`); files run one at a time. */
export default defineConfig({
  test: {
    root: 'tests/integration',
    include: ['**/*.spec.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
