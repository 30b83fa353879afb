// Prepared statements kept and reused on the better-sqlite3 connection behind Prisma's adapter. The
// adapter (6.19) prepares every statement anew — `client.prepare(sql).bind(args)`, then `reader`,
// `run()`, `columns()`, `raw().all()` — and preparing costs several times more than running a
// short statement: about a tenth of a card click's CPU. A bound statement cannot be bound again,
// so the cached statement is handed out behind an object that passes the arguments on each call.
// Should a new adapter version use the statement differently, every query fails at once (and every
// test with it), never silently.
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[]>;

/** Most recently used statements kept: Prisma's SQL comes in a bounded set of shapes. */
const capacity = 500;

/**
 * Replaces the connection's `prepare` for Prisma's adapter, and returns the cache itself: the
 * connection's own statement for a SQL text, prepared once (direct-sql.ts runs it as it is).
 */
export function reuseStatements(client: Pick<Database.Database, 'prepare'>): (sql: string) => Statement {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = prepare(sql) as Statement;
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  const reused = (sql: string) => {
    const stmt = statement(sql);
    return {
      reader: stmt.reader,
      run: () => stmt.run(),
      bind: (args: unknown[]) => ({
        reader: stmt.reader,
        run: () => stmt.run(args),
        columns: () => stmt.columns(),
        raw: () => ({ all: () => stmt.raw(true).all(args) }),
      }),
    };
  };
  (client as { prepare: unknown }).prepare = reused;
  return statement;
}
