// The latest 脱困时限 among the households on file at a date in a scope: the campaign's target
// date when none is given (every household relieved by its own deadline).
import type { Db } from './create-prisma.ts';
import { onFileWhere } from './query-report-counts.ts';
import type { SqlPart } from './viewer-scope-sql.ts';

export async function queryLatestDeadline(db: Db, date: string, scope: SqlPart): Promise<string | null> {
  const where = onFileWhere(date, null);
  const [row] = await db.$queryRawUnsafe<Array<{ d: unknown }>>(
    `SELECT MAX(h.deadline) AS d FROM households h WHERE ${where.sql}${scope.sql}`,
    ...where.params,
    ...scope.params,
  );
  return typeof row?.d === 'string' && row.d !== '' ? row.d : null;
}
