// Runs inside workerd before each test file: D1 gets migrations/ (the same SQL as Node's
// prisma/migrations, recorded in d1_migrations as `wrangler d1 migrations apply` does).
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
