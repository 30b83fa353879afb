// One audit row as a raw INSERT, for the paths that write one per click or per timer: through
// Prisma's createMany the row's JSON went through the query compiler each time. Stored as Prisma
// stores it (JSON text, ISO 8601 timestamps); the same SQL runs on D1.
import { sqlOf } from './direct-sql.ts';
import type { Tx } from './in-transaction.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';

export interface AuditRow {
  at: Date;
  actor: string;
  source: string;
  action: string;
  caseId?: number | null;
  householdId?: number | null;
  fromState?: string | null;
  toState?: string | null;
  before?: object | null;
  after?: object | null;
}

const sql = `INSERT INTO audit_events (at, actor, source, action, "caseId", "householdId", "fromState", "toState", before, after)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function insertAuditEvent(tx: Tx, row: AuditRow): Promise<number> {
  const json = (v: object | null | undefined) => (v === null || v === undefined ? null : JSON.stringify(v));
  return sqlOf(tx).run(sql, [
    sqliteTimestamp(row.at),
    row.actor,
    row.source,
    row.action,
    row.caseId ?? null,
    row.householdId ?? null,
    row.fromState ?? null,
    row.toState ?? null,
    json(row.before),
    json(row.after),
  ]);
}
