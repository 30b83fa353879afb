// Prisma CLI configuration: the JavaScript schema engine and the better-sqlite3 driver adapter,
// so `prisma generate / migrate deploy / migrate diff` work offline (see docs/stack-notes).
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? 'file:./data/huhuqing.db' }),
});
