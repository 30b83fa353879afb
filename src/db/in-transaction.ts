// One way to write "these statements together" for both databases. On Node (better-sqlite3) it is
// an interactive transaction: all or nothing. D1 has none (Prisma's client refuses
// `$transaction(async tx => …)` on the D1 adapter, and D1 rejects BEGIN): the callback runs on the
// client itself, statement by statement, without rollback.
//
// So the use-cases put the statement that decides a race first, as one SQL statement (the
// optimistic lock of a case, the claim of a timer or an outbox row, a unique key): a lost race
// ends there and writes nothing, on both databases. What D1 cannot give is all-or-nothing when an
// invocation dies between two statements; see docs/workers.md ("Transactions on D1").
import type { Db } from './create-prisma.ts';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const withoutInteractiveTransactions = new WeakSet<object>();

/** Marks a client whose database has no interactive transactions (D1). */
export function markWithoutInteractiveTransactions(db: Db): Db {
  withoutInteractiveTransactions.add(db);
  return db;
}

/** False on D1: statements of one inTransaction() call may be left half-applied by a crash. */
export function hasInteractiveTransactions(db: Db): boolean {
  return !withoutInteractiveTransactions.has(db);
}

export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return hasInteractiveTransactions(db) ? db.$transaction(work) : work(db as unknown as Tx);
}
