// The Prisma client on Node: better-sqlite3 driver adapter, busy timeout, WAL (set by the migrator).
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '#prisma';
import { sqlitePath } from './sqlite-path.ts';

export type Db = InstanceType<typeof PrismaClient>;

export function createPrisma(databaseUrl: string): Db {
  const adapter = new PrismaBetterSQLite3({ url: sqlitePath(databaseUrl), timeout: 5000 });
  return new PrismaClient({ adapter });
}
