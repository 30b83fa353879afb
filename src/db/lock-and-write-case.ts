// A transition's write of its case row, taking the optimistic lock, as one raw statement: through
// Prisma's updateMany the case's whole XState snapshot went through the query compiler on every
// click (about a quarter of a card click's CPU). Values are stored as Prisma stores them (JSON
// text, ISO 8601 timestamps), so the row reads back through Prisma unchanged; the same SQL runs
// on D1, where the atomic step holds it back for its batch like any other write (direct-sql.ts).
import { sqlOf } from './direct-sql.ts';
import type { Tx } from './in-transaction.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';

export interface CaseWrite {
  id: number;
  /** The version read: the row is written only if it still has it (then version + 1). */
  version: number;
  snapshot: object;
  state: string;
  entrySeq: number;
  status: 'active' | 'closed';
  updatedAt: Date;
  /** Set when the transition entered a new state. */
  entered?: {
    at: Date;
    deadlineAt: Date | null;
    /** The new state's clock; null keeps the stored one. */
    clock: object | null;
  };
}

/** Rows changed: 1, or 0 when another writer took the lock first. */
export function lockAndWriteCase(tx: Tx, w: CaseWrite): Promise<number> {
  const sets = ['snapshot = ?', 'state = ?', 'version = version + 1', '"entrySeq" = ?', 'status = ?', '"updatedAt" = ?'];
  const args: unknown[] = [JSON.stringify(w.snapshot), w.state, w.entrySeq, w.status, sqliteTimestamp(w.updatedAt)];
  if (w.entered) {
    sets.push('"stateEnteredAt" = ?', '"deadlineAt" = ?');
    args.push(sqliteTimestamp(w.entered.at), w.entered.deadlineAt ? sqliteTimestamp(w.entered.deadlineAt) : null);
    if (w.entered.clock !== null) {
      sets.push('clock = ?');
      args.push(JSON.stringify(w.entered.clock));
    }
  }
  return sqlOf(tx).run(`UPDATE cases SET ${sets.join(', ')} WHERE id = ? AND version = ?`, [...args, w.id, w.version]);
}
