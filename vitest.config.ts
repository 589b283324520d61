import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'eval/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A temporary root per run, removed at the end (src/testing/global-setup.ts).
    globalSetup: ['src/testing/global-setup.ts'],
  },
});
