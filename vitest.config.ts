import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 120_000, // browser journeys on a loaded 2-core CI machine; nothing here measures time
    hookTimeout: 120_000,
    // The machines have 2 cores; each browser journey runs its own server and Chromium.
    maxWorkers: 2,
  },
});
