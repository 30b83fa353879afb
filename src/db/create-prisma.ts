// The Prisma client on Node: better-sqlite3 driver adapter, busy timeout, WAL (set by the migrator).
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '#prisma';
import { registerConnection, type ConnectionSlot } from './direct-sql.ts';
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
  const slot: ConnectionSlot = {};
  const db = new PrismaClient({ adapter: serializeSqliteAdapter(adapter, slot) });
  // Hot paths run their raw SQL on the connection itself (direct-sql.ts).
  registerConnection(db, slot);
  return db;
}

/**
 * Connection settings for a long-running process: an 8 MB page cache and NORMAL sync, which is
 * durable in WAL mode. The adapter keeps one connection, so this applies to all queries. The cache
 * is part of the server's RSS once filled; on the 3,500,000-household file (8 GB) 2, 8 and 64 MB
 * answer point lookups, index scans and aggregations equally fast (the OS caches the file; the
 * B-trees' inner pages fit in 8 MB), so 64 MB only cost memory (bench/RESULTS.md, "Server memory").
 */
export async function tunePrisma(db: Db): Promise<Db> {
  await db.$executeRawUnsafe('PRAGMA cache_size = -8192');
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return db;
}
