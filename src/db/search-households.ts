// The console's household search: filters over the viewer's scope, one page of rows and the total.
// Names are matched in their masked form (杨*华) so a search can never reveal more of a name than
// the list shows; the state and "overdue" are those of the household's newest case.
import type { Db } from './create-prisma.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';
import { regionSql, type SqlPart } from './viewer-scope-sql.ts';

export interface HouseholdSearch {
  scope: SqlPart;
  /** Region.path: that region and below. */
  regionPath: string | null;
  /** Part of the archive number (case-insensitive). */
  archiveNo: string | null;
  /** A LIKE pattern over the masked name (see maskedNameSql); null for any name. */
  maskedNamePattern: string | null;
  /** A workflow state id of the newest case, or 'none' for households without a case. */
  state: string | null;
  overdueOnly: boolean;
  /** 'open': on file at `today`; 'closed': closed by then; 'all'. */
  file: 'open' | 'closed' | 'all';
  today: string;
  now: Date;
  limit: number;
  offset: number;
}

export interface HouseholdHit {
  id: number;
  archiveNo: string;
  archiveLevel: string;
  regionName: string;
  headName: string;
  persons: number;
  tier: string | null;
  officerName: string | null;
  deadline: string | null;
  closedOn: string | null;
  caseState: string | null;
  caseStatus: string | null;
  deadlineAt: Date | null;
  overdue: boolean;
}

/** maskName() of src/core/privacy/mask.ts for Chinese names, in SQL: 杨小华 → 杨*华, 杨华 → 杨*, 杨 → *. */
export const maskedNameSql = `(CASE WHEN length(h.headName) <= 1 THEN '*'
  WHEN length(h.headName) = 2 THEN substr(h.headName, 1, 1) || '*'
  ELSE substr(h.headName, 1, 1) || replace(hex(zeroblob(length(h.headName) - 2)), '00', '*') || substr(h.headName, -1) END)`;

export async function searchHouseholds(db: Db, q: HouseholdSearch): Promise<{ total: number; rows: HouseholdHit[] }> {
  const now = sqliteTimestamp(q.now);
  const parts: SqlPart[] = [q.scope];
  if (q.regionPath !== null) parts.push(regionSql(q.regionPath));
  if (q.archiveNo !== null)
    parts.push({ sql: ` AND h.archiveNo LIKE ? ESCAPE '\\'`, params: [`%${likeEscape(q.archiveNo.toUpperCase())}%`] });
  if (q.maskedNamePattern !== null) parts.push({ sql: ` AND ${maskedNameSql} LIKE ? ESCAPE '\\'`, params: [q.maskedNamePattern] });
  if (q.file === 'open') parts.push({ sql: ` AND h.filedOn <= ? AND COALESCE(h.closedOn, '9999-12-31') > ?`, params: [q.today, q.today] });
  if (q.file === 'closed') parts.push({ sql: ` AND h.closedOn IS NOT NULL AND h.closedOn <= ?`, params: [q.today] });
  const outer: SqlPart[] = [];
  if (q.state === 'none') outer.push({ sql: ' AND c.id IS NULL', params: [] });
  else if (q.state !== null) outer.push({ sql: ' AND c.state = ?', params: [q.state] });
  if (q.overdueOnly) outer.push({ sql: ` AND c.status = 'active' AND c.deadlineAt < ?`, params: [now] });

  const inner = `SELECT h.id, h.archiveNo, h.archiveLevel, h.regionId, h.headName, h.persons, h.tier, h.officerId, h.deadline, h.closedOn,
                        (SELECT c.id FROM cases c WHERE c.householdId = h.id ORDER BY c.id DESC LIMIT 1) AS caseId
                 FROM households h WHERE 1${parts.map((p) => p.sql).join('')}`;
  const where = `WHERE 1${outer.map((p) => p.sql).join('')}`;
  const params = [...parts.flatMap((p) => p.params), ...outer.flatMap((p) => p.params)];

  const [count] = await db.$queryRawUnsafe<Array<{ n: unknown }>>(
    `SELECT COUNT(*) AS n FROM (${inner}) b LEFT JOIN cases c ON c.id = b.caseId ${where}`,
    ...params,
  );
  const rows = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(
    `SELECT b.id, b.archiveNo, b.archiveLevel, b.headName, b.persons, b.tier, b.deadline, b.closedOn,
            r.name AS regionName, p.name AS officerName, c.state AS caseState, c.status AS caseStatus, c.deadlineAt AS deadlineAt,
            CASE WHEN c.status = 'active' AND c.deadlineAt < ? THEN 1 ELSE 0 END AS overdue
     FROM (${inner}) b JOIN regions r ON r.id = b.regionId LEFT JOIN people p ON p.id = b.officerId
          LEFT JOIN cases c ON c.id = b.caseId ${where}
     ORDER BY b.archiveNo LIMIT ? OFFSET ?`,
    now,
    ...params,
    q.limit,
    q.offset,
  );
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      id: Number(r.id),
      archiveNo: String(r.archiveNo),
      archiveLevel: String(r.archiveLevel),
      regionName: String(r.regionName),
      headName: String(r.headName),
      persons: Number(r.persons),
      tier: nullable(r.tier),
      officerName: nullable(r.officerName),
      deadline: nullable(r.deadline),
      closedOn: nullable(r.closedOn),
      caseState: nullable(r.caseState),
      caseStatus: nullable(r.caseStatus),
      deadlineAt: instant(r.deadlineAt),
      overdue: Number(r.overdue) === 1,
    })),
  };
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** DateTime columns come back as Date through the adapter, or as ISO text. */
function instant(v: unknown): Date | null {
  if (v instanceof Date) return v;
  return typeof v === 'string' && v !== '' ? new Date(v) : null;
}

function nullable(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}
