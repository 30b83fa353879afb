// Files opened and closed in (since, at] within a scope, for a report's comparison summary lines.
import type { ReportMovements } from '../core/reports/report-types.ts';
import type { Db } from './create-prisma.ts';
import { scopeWhere } from './query-report-counts.ts';

export async function queryReportMovements(
  db: Db,
  since: string,
  at: string,
  scopePath: string | null,
  officerId: number | null = null,
): Promise<ReportMovements> {
  const scope = scopeWhere(scopePath, officerId);
  const [filed] = await db.$queryRawUnsafe<Array<{ households: unknown; persons: unknown }>>(
    `SELECT COUNT(*) AS households, COALESCE(SUM(h.persons), 0) AS persons
     FROM households h WHERE h.filedOn > ? AND h.filedOn <= ?${scope.sql}`,
    since,
    at,
    ...scope.params,
  );
  const closed = await db.$queryRawUnsafe<Array<{ reason: string | null; level: string; households: unknown; persons: unknown }>>(
    `SELECT h.closedReason AS reason, h.archiveLevel AS level, COUNT(*) AS households, COALESCE(SUM(h.persons), 0) AS persons
     FROM households h WHERE h.closedOn > ? AND h.closedOn <= ?${scope.sql}
     GROUP BY h.closedReason, h.archiveLevel`,
    since,
    at,
    ...scope.params,
  );
  return {
    filed: { households: Number(filed?.households ?? 0), persons: Number(filed?.persons ?? 0) },
    closed: closed.map((c) => ({
      reason: c.reason === null || c.reason === '' ? null : c.reason,
      level: c.level,
      households: Number(c.households),
      persons: Number(c.persons),
    })),
  };
}
