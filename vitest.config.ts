import { defineConfig } from 'vitest/config';

// Two projects: the Node suite (test/**, forks) and the workers suite (test/workers/**, inside
// workerd; vitest.workers.config.ts). `npm test` runs both; `vitest run --project node` one.
export default defineConfig({
  test: {
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
