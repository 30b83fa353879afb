// Raw SQL on the hot paths (a card click, a timer firing) without Prisma's request pipeline: each
// `$queryRawUnsafe` is serialised to JSON, planned by the query compiler (WebAssembly) and
// interpreted, which costs more CPU than SQLite running the statement. On Node the statement runs
// on the process's one better-sqlite3 connection directly (prepared once, from the statements kept
// for Prisma's adapter), under the same
// rules as Prisma's statements (serialize-sqlite-adapter.ts): inside a transaction begun by
// inTransaction/inAtomicStep it runs at once, as part of it; outside one it waits for open
// transactions. Anywhere else (D1, where the atomic step must hold writes back for its batch; a
// transaction begun elsewhere) it goes through Prisma's raw queries, with the same SQL and values.
// Rows come back as SQLite stores them (ISO 8601 text, JSON text, 0/1): read them with raw-values.ts.
import type Database from 'better-sqlite3';
import type { Db } from './create-prisma.ts';
import type { Tx } from './in-transaction.ts';

export interface Sql {
  all(sql: string, args: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
  /** Rows changed. */
  run(sql: string, args: readonly unknown[]): Promise<number>;
}

/** The connection behind a Node client, once Prisma has opened it. */
export interface DirectConnection {
  /** The connection's prepared statement for a SQL text (reuse-sqlite-statements.ts's cache). */
  statement(sql: string): Database.Statement<unknown[]>;
  /** Runs `work` when no transaction is open on the connection (serialize-sqlite-adapter.ts). */
  alone<T>(work: () => Promise<T>): Promise<T>;
}

export interface ConnectionSlot {
  connection?: DirectConnection;
}

const slots = new WeakMap<object, ConnectionSlot>();
const inside = new WeakMap<object, ConnectionSlot>();

/** createPrisma: the client's connection will be put in `slot` when Prisma opens it. */
export function registerConnection(db: Db, slot: ConnectionSlot): void {
  slots.set(db, slot);
}

/** inTransaction/inAtomicStep on Node: `tx` is a transaction of `db`, open on its connection. */
export function registerTransaction(tx: Tx, db: Db): void {
  const slot = slots.get(db);
  if (slot) inside.set(tx, slot);
}

/** Values as Prisma's adapter binds them (booleans as 0/1). */
function bindable(args: readonly unknown[]): unknown[] {
  return args.map((a) => (a === true ? 1 : a === false ? 0 : a));
}

function directSql(connection: DirectConnection, inTx: boolean): Sql {
  const now = <T>(work: () => T): Promise<T> => (inTx ? (async () => work())() : connection.alone(async () => work()));
  return {
    // raw(false): the statement is shared with Prisma's adapter, which reads rows as arrays (raw mode).
    all: (sql, args) =>
      now(
        () =>
          connection
            .statement(sql)
            .raw(false)
            .all(...bindable(args)) as Array<Record<string, unknown>>,
      ),
    run: (sql, args) => now(() => connection.statement(sql).run(...bindable(args)).changes),
  };
}

export function sqlOf(db: Db | Tx): Sql {
  const inTx = inside.get(db);
  if (inTx?.connection) return directSql(inTx.connection, true);
  const slot = slots.get(db);
  if (slot?.connection) return directSql(slot.connection, false);
  return {
    all: (sql, args) => db.$queryRawUnsafe<Array<Record<string, unknown>>>(sql, ...args),
    run: (sql, args) => db.$executeRawUnsafe(sql, ...args),
  };
}
