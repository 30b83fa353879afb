// One SQLite connection, shared by every request of the process, used one at a time (and its
// prepared statements reused: reuse-sqlite-statements.ts). The
// better-sqlite3 adapter keeps a single connection and serialises interactive transactions against
// each other, but not plain statements: while one request's transaction is open (across its awaits),
// another request's statement would run inside it, see its uncommitted writes, and be rolled back
// with it (a lost race's rollback would take another callback's dedupe row along). Here a statement
// outside a transaction waits until no transaction is open; statements are synchronous, so nothing
// else is needed for them.
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type Database from 'better-sqlite3';
import type { ConnectionSlot } from './direct-sql.ts';
import { reuseStatements } from './reuse-sqlite-statements.ts';

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

/** A FIFO lock: `held` while a transaction is open, with its waiters in order. */
class ConnectionLock {
  private held = false;
  private readonly waiters: Array<() => void> = [];

  get idle(): boolean {
    return !this.held && this.waiters.length === 0;
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}

function serialize(inner: Adapter, slot?: ConnectionSlot): Adapter {
  const client = (inner as unknown as { client?: Pick<Database.Database, 'prepare'> }).client;
  const statement = typeof client?.prepare === 'function' ? reuseStatements(client) : undefined;
  const lock = new ConnectionLock();
  // A statement outside a transaction: at once when the connection is free (the usual case, no
  // extra tick), else after the transactions and statements queued before it.
  const alone = async <T>(run: () => Promise<T>): Promise<T> => {
    if (lock.idle) return run();
    await lock.acquire();
    try {
      return await run();
    } finally {
      lock.release();
    }
  };
  if (slot && statement) slot.connection = { statement, alone };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => alone(() => inner.queryRaw(q)),
    executeRaw: (q) => alone(() => inner.executeRaw(q)),
    executeScript: (s) => alone(() => inner.executeScript(s)),
    dispose: () => inner.dispose(),
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    startTransaction: async (isolationLevel): Promise<Transaction> => {
      await lock.acquire();
      let tx: Transaction;
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (error) {
        lock.release();
        throw error;
      }
      let open = true;
      const end = async (finish: () => Promise<void>) => {
        try {
          await finish();
        } finally {
          if (open) {
            open = false;
            lock.release();
          }
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (q) => tx.queryRaw(q),
        executeRaw: (q) => tx.executeRaw(q),
        commit: () => end(() => tx.commit()),
        rollback: () => end(() => tx.rollback()),
      };
    },
  };
}

/** The adapter factory with its connection used one transaction or statement at a time. */
export function serializeSqliteAdapter(factory: Factory, slot?: ConnectionSlot): Factory {
  return new Proxy(factory, {
    get(target, prop) {
      if (prop === 'connect') return async () => serialize(await target.connect(), slot);
      if (prop === 'connectToShadowDb') return async () => serialize(await target.connectToShadowDb());
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
