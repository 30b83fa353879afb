// One SQLite connection serves every request of the process: a statement of another request must not
// run inside a transaction that is open across its awaits (it would see its uncommitted writes, and a
// rollback — a lost race — would take it along).
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

let db: TempDb | undefined;
afterEach(async () => db?.cleanup());

const audit = (actor: string) => ({ data: { at: new Date('2026-01-01T00:00:00Z'), actor, source: 'cli', action: 'test' } });

describe('the shared SQLite connection', () => {
  it('keeps another request’s write out of a transaction that is rolled back, and its reads off uncommitted rows', async () => {
    db = await createTempDb();
    const prisma = db.prisma;
    // Compiled once, so the other request below is not slowed by its first queries.
    await prisma.auditEvent.findMany({ select: { actor: true } });
    await prisma.auditEvent.deleteMany({ where: { actor: 'warm-up' } });
    let opened!: () => void;
    const isOpen = new Promise<void>((r) => (opened = r));
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    const step = prisma
      .$transaction(async (tx) => {
        await tx.auditEvent.create(audit('step'));
        opened();
        await finished;
        throw new Error('lost race');
      })
      .catch((e: Error) => e.message);
    await isOpen;
    const seen = prisma.auditEvent.findMany({ select: { actor: true } });
    const other = prisma.auditEvent.create(audit('other'));
    // Give the other request's statements every chance to run while the step is still open.
    await Promise.race([Promise.all([seen, other]), new Promise((r) => setTimeout(r, 500))]);
    finish();
    expect(await step).toBe('lost race');
    expect(await seen).toEqual([]);
    await other;
    expect(await prisma.auditEvent.findMany({ select: { actor: true } })).toEqual([{ actor: 'other' }]);
  });
});
