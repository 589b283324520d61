import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'eval/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // global.gc for the memory checks (src/cli/answer-load.test.ts): RSS is compared after a full collection.
    execArgv: ['--expose-gc'],
    // A temporary root per run, removed at the end (src/testing/global-setup.ts).
    globalSetup: ['src/testing/global-setup.ts'],
  },
});
