// describeDbError on the errors SQLite really raises, as they reach our code: through Prisma's
// driver adapter (model calls, raw queries, interactive transactions) and from better-sqlite3
// directly, each provoked on a real database file. Only the fallbacks for wrapped errors and D1's
// message-only errors are checked on constructed errors (D1 is not reachable from this suite).
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/create-prisma.ts';
import { describeDbError } from '../../src/db/describe-db-error.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

let db: TempDb | undefined;
const open: Database.Database[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await db?.cleanup();
  db = undefined;
});

const audit = { at: new Date('2025-10-14T01:00:00Z'), actor: 'test', source: 'cli', action: 'test.write' };

async function caught(work: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

function holdWriteLock(file: string): Database.Database {
  const other = new Database(file);
  open.push(other);
  other.exec('BEGIN IMMEDIATE');
  return other;
}

describe('describeDbError', () => {
  it('recognises SQLITE_BUSY from Prisma (model call, raw query, transaction) and from better-sqlite3', async () => {
    db = await createTempDb();
    const prisma = createPrisma(db.url, { busyTimeoutMs: 50 });
    try {
      holdWriteLock(db.file);
      const errors = [
        await caught(() => prisma.auditEvent.create({ data: audit })),
        await caught(() => prisma.$executeRawUnsafe(`UPDATE audit_events SET actor = 'x'`)),
        await caught(() => prisma.$transaction(async (tx) => tx.auditEvent.create({ data: audit }))),
        await caught(() => {
          const direct = new Database(db!.file, { timeout: 50 });
          open.push(direct);
          direct.prepare(`UPDATE audit_events SET actor = 'x'`).run();
        }),
      ];
      for (const error of errors) {
        expect(describeDbError(error)).toMatchObject({ kind: 'busy', temporary: true, message: expect.stringContaining('数据库正忙') });
      }
      // Prisma's own words for it would have been "Operation has timed out" (P1008).
      expect((errors[0] as Error).message).toContain('Operation has timed out');
    } finally {
      await prisma.$disconnect();
    }
  });

  it('recognises SQLITE_FULL from Prisma when the file may not grow', async () => {
    db = await createTempDb();
    const [{ page_count: pages } = { page_count: 0n }] = await db.prisma.$queryRawUnsafe<{ page_count: bigint }[]>('PRAGMA page_count');
    await db.prisma.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(pages)}`);
    const error = await caught(() =>
      db!.prisma.$transaction(async (tx) => {
        for (let i = 0; i < 200; i++) await tx.auditEvent.create({ data: { ...audit, actor: 'x'.repeat(1000) } });
      }),
    );
    expect(describeDbError(error)).toMatchObject({ kind: 'full', code: 'SQLITE_FULL', temporary: false });
    expect(describeDbError(error)?.message).toBe('磁盘已满：数据库无法写入。请清理数据库所在磁盘的空间（或扩容）后重试');
    expect(await db.prisma.auditEvent.count({ where: { action: 'test.write' } })).toBe(0); // the transaction rolled back whole
  });

  it('recognises a read-only database', async () => {
    db = await createTempDb();
    await db.prisma.$executeRawUnsafe('PRAGMA query_only = ON');
    const readonly = await caught(() => db!.prisma.auditEvent.create({ data: audit }));
    expect(describeDbError(readonly)).toMatchObject({ kind: 'readonly', message: expect.stringContaining('写权限') });
  });

  it('leaves other errors alone: a unique constraint, a bug, a non-error', async () => {
    db = await createTempDb();
    await db.prisma.region.create({ data: { code: '530302', name: '麒麟区', level: 'county', path: '/530000/530300/530302' } });
    const duplicate = await caught(() =>
      db!.prisma.region.create({ data: { code: '530302', name: '麒麟区', level: 'county', path: '/530000/530300/530302' } }),
    );
    expect(describeDbError(duplicate)).toBeUndefined();
    expect(describeDbError(new TypeError('x is undefined'))).toBeUndefined();
    expect(describeDbError('database')).toBeUndefined();
    expect(describeDbError(undefined)).toBeUndefined();
  });

  // SQLITE_LOCKED (a table locked by the same connection, shared cache) cannot be provoked through
  // better-sqlite3, which refuses to reuse a connection mid-statement before SQLite sees it.
  it('finds the fault behind a wrapping error and in D1-style messages', () => {
    const inner = new Error('D1_ERROR: database is locked: SQLITE_BUSY');
    expect(describeDbError(new Error('tick failed', { cause: inner }))?.kind).toBe('busy');
    expect(describeDbError(new Error('D1_ERROR: database or disk is full'))?.kind).toBe('full');
    expect(describeDbError(new Error('D1_ERROR: database table is locked: scratch'))).toMatchObject({ kind: 'locked', temporary: true });
  });
});
