// The import's batch store (better-sqlite3) on the same SQLite file as a Prisma client, for code
// that holds only the client (the console's import). The file comes from SQLite itself
// (PRAGMA database_list); a database without a file (D1, :memory:) has no such store.
import { AppError } from '../core/app-error.ts';
import type { HouseholdBatchStore } from '../core/ports/household-batch-store.ts';
import type { Db } from './create-prisma.ts';
import { openSqliteHouseholdStore } from './sqlite-household-store.ts';

export async function openHouseholdStoreOf(db: Db): Promise<HouseholdBatchStore> {
  const rows = await db.$queryRawUnsafe<{ name: string; file: string | null }[]>('PRAGMA database_list').catch(() => []);
  const file = rows.find((r) => r.name === 'main')?.file;
  if (!file) {
    throw new AppError('invalid_argument', '这个部署的数据库不是本机的 SQLite 文件，不能在控制台导入：请用命令行 huhuqing import 导入');
  }
  return openSqliteHouseholdStore(`file:${file}`);
}
