import { defineConfig } from 'vitest/config';

// Two projects: the Node suite (test/**, forks) and the workers suite (test/workers/**, inside
// workerd; vitest.workers.config.ts). `npm test` runs both; `vitest run --project node` one.
export default defineConfig({
  test: {
    // Two test files at a time: vitest's default on a 2-core machine is one (cores - 1), and most of
    // the slow files wait on child processes (servers, the crash test's kill -9 rounds, Chromium).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/workers/**'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      './vitest.workers.config.ts',
    ],
  },
});
