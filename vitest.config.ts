import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser journeys start servers and Chromium: keep them from competing with the unit suites.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
