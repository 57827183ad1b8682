import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests in Debian's Chromium against the emulators and the Hosting-served
 * production build (started by `npm run test:e2e`). One file at a time: they share one stack.
 */
export default defineConfig({
  test: {
    root: 'tests/e2e',
    include: ['**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
