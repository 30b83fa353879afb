// The Prisma client on Node: better-sqlite3 driver adapter, busy timeout, WAL (set by the migrator).
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '#prisma';
import { serializeSqliteAdapter } from './serialize-sqlite-adapter.ts';
import { sqlitePath } from './sqlite-path.ts';

export type Db = InstanceType<typeof PrismaClient>;

/**
 * How long a write waits for another connection's lock before failing with SQLITE_BUSY. better-sqlite3
 * waits synchronously: the whole process (every request, the scheduler) stalls for up to this long.
 */
export const defaultBusyTimeoutMs = 5000;

export function createPrisma(databaseUrl: string, options: { busyTimeoutMs?: number } = {}): Db {
  const adapter = new PrismaBetterSQLite3({ url: sqlitePath(databaseUrl), timeout: options.busyTimeoutMs ?? defaultBusyTimeoutMs });
  // One connection for the whole process: a statement must not run inside another request's transaction.
  return new PrismaClient({ adapter: serializeSqliteAdapter(adapter) });
}

/**
 * Connection settings for a long-running process: a 64 MB page cache (SQLite's default is 2 MB,
 * too small once a file holds millions of households, timers and audit rows) and NORMAL sync,
 * which is durable in WAL mode. The adapter keeps one connection, so this applies to all queries.
 */
export async function tunePrisma(db: Db): Promise<Db> {
  await db.$executeRawUnsafe('PRAGMA cache_size = -65536');
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return db;
}
