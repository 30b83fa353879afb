// The parts of the pool's `cloudflare:test` module the workers suite uses (the full typings,
// @cloudflare/vitest-pool-workers/types, pull in the Workers globals, which clash with @types/node).
declare module 'cloudflare:test' {
  interface D1Migration {
    name: string;
    queries: string[];
  }
  export const env: {
    // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- an ambient module cannot import
    DB: import('../../src/db/create-d1-prisma.ts').D1Binding;
    TEST_MIGRATIONS: D1Migration[];
    [name: string]: unknown;
  };
  export function applyD1Migrations(db: unknown, migrations: D1Migration[], migrationsTableName?: string): Promise<void>;
  export function createExecutionContext(): { waitUntil(promise: Promise<unknown>): void; passThroughOnException(): void };
  export function waitOnExecutionContext(ctx: { waitUntil(promise: Promise<unknown>): void }): Promise<void>;
  export function createScheduledController(options?: { scheduledTime?: Date | number; cron?: string }): {
    scheduledTime: number;
    cron: string;
    noRetry(): void;
  };
}
