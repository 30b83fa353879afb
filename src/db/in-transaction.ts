// Two ways to write "these statements together", for both databases.
//
// inTransaction(): on Node (better-sqlite3) an interactive transaction, all or nothing. On D1 the
// callback runs on the client itself, statement by statement, without rollback; for use-cases that
// read their own writes (opening a case, importing a roster). They put the statement that decides a
// race first, as one SQL statement, so a lost race ends there and writes nothing.
//
// inAtomicStep(): all or nothing on both databases. On Node the same interactive transaction. On D1
// the step's reads run at once against committed data, and its writes are held back and sent at the
// end as one D1 batch, which D1 runs as one SQL transaction (src/db/d1-atomic-client.ts). So a step
// must not read its own writes, must not use what a write returns (create/upsert give null on D1),
// and must not use `update` (it needs the row back: use updateMany). The statement deciding a race
// is checked with step.expectChanged(): on Node at once, on D1 by a guard statement in the batch
// that fails the whole batch when the statement before it did not change the expected rows.
import type { Db } from './create-prisma.ts';
import { registerTransaction } from './direct-sql.ts';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface AtomicStep {
  /**
   * The statement just written (its `count`) decides a race: it must have changed exactly
   * `expected` rows, or the step writes nothing and `lost()` is thrown from inAtomicStep.
   */
  expectChanged(count: number, expected: number, lost: () => Error): Promise<void>;
}

/** How a D1 client runs an atomic step; registered by createD1Prisma. */
export interface D1AtomicRunner {
  run<T>(work: (tx: Tx, step: AtomicStep) => Promise<T>): Promise<T>;
}

const d1Runners = new WeakMap<object, D1AtomicRunner>();

/** Marks a client whose database has no interactive transactions (D1), with its atomic-step runner. */
export function markD1Client(db: Db, runner: D1AtomicRunner): Db {
  d1Runners.set(db, runner);
  return db;
}

/** False on D1: statements of one inTransaction() call may be left half-applied by a crash. */
export function hasInteractiveTransactions(db: Db): boolean {
  return !d1Runners.has(db);
}

export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!hasInteractiveTransactions(db)) return work(db as unknown as Tx);
  return db.$transaction((tx) => {
    registerTransaction(tx, db);
    return work(tx);
  });
}

export function inAtomicStep<T>(db: Db, work: (tx: Tx, step: AtomicStep) => Promise<T>): Promise<T> {
  const runner = d1Runners.get(db);
  if (runner) return runner.run(work);
  return db.$transaction((tx) => {
    registerTransaction(tx, db);
    return work(tx, {
      expectChanged: async (count, expected, lost) => {
        if (count !== expected) throw lost();
      },
    });
  });
}
