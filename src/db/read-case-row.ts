// A case with its household and the household's officer in one statement: a card click needs all
// three, and through Prisma's `include` they are three queries, each compiled and mapped on its own.
// The same SQL on better-sqlite3 and D1 (raw-values.ts reads the values of either).
import type { Db } from './create-prisma.ts';
import type { Tx } from './in-transaction.ts';
import { sqlOf } from './direct-sql.ts';
import { rawBool, rawDateOrNull, rawInt, rawIntOrNull, rawJson, rawText, rawTextOrNull } from './raw-values.ts';

export interface CaseRow {
  id: number;
  householdId: number;
  campaign: string;
  flowId: string;
  flowVersion: number;
  snapshot: unknown;
  state: string;
  status: string;
  entrySeq: number;
  deadlineAt: Date | null;
  clock: unknown;
  version: number;
  household: {
    archiveNo: string;
    headName: string;
    deadline: string | null;
    officerId: number | null;
    regionId: number;
    officer: { name: string; openId: string | null; onLeave: boolean; delegateId: number | null } | null;
  };
}

const sql = `SELECT c.id, c."householdId", c.campaign, c."flowId", c."flowVersion", c.snapshot, c.state, c.status,
    c."entrySeq", c."deadlineAt", c.clock, c.version,
    h."archiveNo", h."headName", h.deadline, h."officerId", h."regionId",
    p.id AS "officerRowId", p.name AS "officerName", p."openId" AS "officerOpenId", p."onLeave" AS "officerOnLeave",
    p."delegateId" AS "officerDelegateId"
  FROM cases c JOIN households h ON h.id = c."householdId" LEFT JOIN people p ON p.id = h."officerId"
  WHERE c.id = ?`;

export async function readCaseRow(db: Db | Tx, caseId: number): Promise<CaseRow | null> {
  const [r] = await sqlOf(db).all(sql, [caseId]);
  if (!r) return null;
  return {
    id: rawInt(r.id),
    householdId: rawInt(r.householdId),
    campaign: rawText(r.campaign),
    flowId: rawText(r.flowId),
    flowVersion: rawInt(r.flowVersion),
    snapshot: rawJson(r.snapshot),
    state: rawText(r.state),
    status: rawText(r.status),
    entrySeq: rawInt(r.entrySeq),
    deadlineAt: rawDateOrNull(r.deadlineAt),
    clock: rawJson(r.clock),
    version: rawInt(r.version),
    household: {
      archiveNo: rawText(r.archiveNo),
      headName: rawText(r.headName),
      deadline: rawTextOrNull(r.deadline),
      officerId: rawIntOrNull(r.officerId),
      regionId: rawInt(r.regionId),
      officer:
        r.officerRowId === null || r.officerRowId === undefined
          ? null
          : {
              name: rawText(r.officerName),
              openId: rawTextOrNull(r.officerOpenId),
              onLeave: rawBool(r.officerOnLeave),
              delegateId: rawIntOrNull(r.officerDelegateId),
            },
    },
  };
}
