import { defineConfig } from 'vitest/config';

/** Unit tests of pure logic: contracts, functions and tools. Web and emulator suites have their own configs. */
export default defineConfig({
  test: {
    include: ['contracts/src/**/*.spec.ts', 'functions/src/**/*.spec.ts', 'tools/**/*.spec.ts'],
    environment: 'node',
  },
});
