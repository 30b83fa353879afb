// Households on file at a date per officer, by how their newest case is doing: overdue (its
// current deadline has passed), at risk (a reminder of the current state entry has been sent:
// the deadline is near), on track, closed, or no case yet (null). One aggregation.
import type { Db } from './create-prisma.ts';
import { onFileWhere } from './query-report-counts.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';
import type { SqlPart } from './viewer-scope-sql.ts';

export type CaseHealth = 'overdue' | 'at_risk' | 'on_track' | 'closed';

export interface CaseHealthGroup {
  officerId: number | null;
  health: CaseHealth | null;
  households: number;
  persons: number;
}

// Reminder timers are keyed c<case>:e<entry>:remind:<i>; only the current entry's count.
const health = `(SELECT CASE
    WHEN c.status <> 'active' THEN 'closed'
    WHEN c.deadlineAt IS NOT NULL AND c.deadlineAt < ? THEN 'overdue'
    WHEN EXISTS (SELECT 1 FROM timers t WHERE t.caseId = c.id AND t.status = 'fired'
                 AND t.key LIKE 'c' || c.id || ':e' || c.entrySeq || ':remind:%') THEN 'at_risk'
    ELSE 'on_track' END
  FROM cases c WHERE c.householdId = h.id ORDER BY c.id DESC LIMIT 1)`;

export async function queryCaseHealth(db: Db, q: { date: string; now: Date; scope: SqlPart }): Promise<CaseHealthGroup[]> {
  const where = onFileWhere(q.date, null);
  const rows = await db.$queryRawUnsafe<Array<{ officerId: unknown; health: unknown; households: unknown; persons: unknown }>>(
    `SELECT officerId, health, COUNT(*) AS households, COALESCE(SUM(persons), 0) AS persons
     FROM (SELECT h.officerId AS officerId, ${health} AS health, h.persons AS persons
           FROM households h WHERE ${where.sql}${q.scope.sql})
     GROUP BY officerId, health`,
    sqliteTimestamp(q.now),
    ...where.params,
    ...q.scope.params,
  );
  return rows.map((r) => ({
    officerId: r.officerId === null || r.officerId === undefined ? null : Number(r.officerId),
    health: r.health === null || r.health === undefined ? null : (String(r.health) as CaseHealth),
    households: Number(r.households),
    persons: Number(r.persons),
  }));
}
