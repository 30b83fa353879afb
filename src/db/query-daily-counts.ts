// The daily digest's snapshot: households on file today by region and by the state of their newest
// case ('' when they have no case yet), with persons and how many are overdue (an active case past
// its deadline). One aggregation over the households, like the reports (docs/reports.md): on a
// million files it takes about a second, once a day.
import type { Db } from './create-prisma.ts';
import { onFileWhere } from './query-report-counts.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';

export interface DailyCount {
  regionId: number;
  /** The newest case's state key; '' for households without a case (未立案). */
  state: string;
  households: number;
  persons: number;
  overdue: number;
}

export async function queryDailyCounts(db: Db, today: string, now: Date): Promise<DailyCount[]> {
  const where = onFileWhere(today, null);
  const rows = await db.$queryRawUnsafe<Array<Record<'regionId' | 'state' | 'households' | 'persons' | 'overdue', unknown>>>(
    `SELECT regionId, state, COUNT(*) AS households, COALESCE(SUM(persons), 0) AS persons, COALESCE(SUM(late), 0) AS overdue
     FROM (
       SELECT h.regionId AS regionId, h.persons AS persons, COALESCE(c.state, '') AS state,
              CASE WHEN c.status = 'active' AND c."deadlineAt" < ? THEN 1 ELSE 0 END AS late
       FROM households h
       LEFT JOIN cases c ON c.id = (SELECT MAX(c2.id) FROM cases c2 WHERE c2.householdId = h.id)
       WHERE ${where.sql})
     GROUP BY regionId, state`,
    sqliteTimestamp(now),
    ...where.params,
  );
  return rows.map((r) => ({
    regionId: Number(r.regionId),
    state: String(r.state ?? ''),
    households: Number(r.households),
    persons: Number(r.persons),
    overdue: Number(r.overdue),
  }));
}
