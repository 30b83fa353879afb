// Hot-path SQL on the connection itself (src/db/direct-sql.ts): part of the transaction it runs
// in, kept out of other requests' transactions, and stored exactly as Prisma stores and reads it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlOf } from '../../src/db/direct-sql.ts';
import { inAtomicStep, inTransaction } from '../../src/db/in-transaction.ts';
import { insertAuditEvent } from '../../src/db/insert-audit-event.ts';
import { lockAndWriteCase } from '../../src/db/lock-and-write-case.ts';
import { readCaseRow } from '../../src/db/read-case-row.ts';
import { createCampaign, type Campaign } from '../helpers/engine-fixture.ts';

let campaign: Campaign;
beforeEach(async () => {
  campaign = await createCampaign({ households: 2, openedAt: new Date('2026-03-02T01:00:00Z') });
});
afterEach(async () => {
  await campaign.db.cleanup();
});

const countAudit = async () => Number((await sqlOf(campaign.db.prisma).all('SELECT count(*) AS n FROM audit_events', []))[0]!.n);

describe('direct SQL', () => {
  it('writes a case and an audit row that read back through Prisma exactly as written', async () => {
    const db = campaign.db.prisma;
    const caseId = campaign.caseIds[0]!;
    const before = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    const at = new Date('2026-03-05T02:03:04.567Z');
    const deadlineAt = new Date('2026-03-20T16:00:00Z');
    const snapshot = { value: 'verifying', context: { note: '王芳 "引号" \\ 反斜杠', n: 3, list: [1, null, true] } };
    const clock = { state: 'verifying', suspensions: [{ from: '2026-03-01', to: null }] };
    const changed = await inAtomicStep(db, (tx) =>
      lockAndWriteCase(tx, {
        id: caseId,
        version: before.version,
        snapshot,
        state: 'verifying',
        entrySeq: before.entrySeq + 1,
        status: 'active',
        updatedAt: at,
        entered: { at, deadlineAt, clock },
      }),
    );
    expect(changed).toBe(1);
    const after = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(after).toMatchObject({
      snapshot,
      state: 'verifying',
      entrySeq: before.entrySeq + 1,
      status: 'active',
      version: before.version + 1,
    });
    expect(after.updatedAt).toEqual(at);
    expect(after.stateEnteredAt).toEqual(at);
    expect(after.deadlineAt).toEqual(deadlineAt);
    expect(after.clock).toEqual(clock);
    // The same row read by the raw reader (direct, outside a transaction) agrees with Prisma.
    const raw = await readCaseRow(db, caseId);
    expect(raw).toMatchObject({ snapshot, deadlineAt, clock, version: before.version + 1 });

    // A stale version changes nothing; a null clock keeps the stored one.
    await expect(
      inAtomicStep(db, (tx) =>
        lockAndWriteCase(tx, {
          id: caseId,
          version: before.version,
          snapshot: {},
          state: 'x',
          entrySeq: 0,
          status: 'closed',
          updatedAt: at,
        }),
      ),
    ).resolves.toBe(0);
    await inAtomicStep(db, (tx) =>
      lockAndWriteCase(tx, {
        id: caseId,
        version: after.version,
        snapshot,
        state: 's2',
        entrySeq: 9,
        status: 'closed',
        updatedAt: at,
        entered: { at, deadlineAt: null, clock: null },
      }),
    );
    const closed = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(closed).toMatchObject({ state: 's2', status: 'closed', deadlineAt: null, clock });

    await inTransaction(db, (tx) =>
      insertAuditEvent(tx, {
        at,
        actor: 'person:1',
        source: 'card',
        action: 'case.event',
        caseId,
        householdId: 7,
        fromState: 'a',
        toState: 'b',
        after: { form: { x: '1' } },
      }),
    );
    const audit = await db.auditEvent.findFirstOrThrow({ where: { actor: 'person:1', action: 'case.event' } });
    expect(audit).toMatchObject({
      at,
      source: 'card',
      caseId,
      householdId: 7,
      fromState: 'a',
      toState: 'b',
      before: null,
      after: { form: { x: '1' } },
    });
  });

  it('shares prepared statements with Prisma’s adapter and still reads rows as objects', async () => {
    const db = campaign.db.prisma;
    const sql = 'SELECT id, state FROM cases WHERE id = ?';
    const caseId = campaign.caseIds[0]!;
    // Prisma's adapter reads the cached statement in raw mode (rows as arrays) …
    const viaPrisma = await db.$queryRawUnsafe<Array<{ id: number; state: string }>>(sql, caseId);
    // … and the direct path, on the same statement, still gets objects.
    const [direct] = await sqlOf(db).all(sql, [caseId]);
    expect(direct).toEqual({ id: BigInt(caseId), state: viaPrisma[0]!.state });
  });

  it('is part of the transaction it runs in: a failed step leaves nothing', async () => {
    const db = campaign.db.prisma;
    const n = await countAudit();
    await expect(
      inAtomicStep(db, async (tx) => {
        await insertAuditEvent(tx, { at: new Date(), actor: 'cli', source: 'cli', action: 'test.rolled_back' });
        expect(Number((await sqlOf(tx).all('SELECT count(*) AS n FROM audit_events', []))[0]!.n)).toBe(n + 1);
        throw new Error('dies mid-step');
      }),
    ).rejects.toThrow('dies mid-step');
    expect(await countAudit()).toBe(n);
  });

  it('outside a transaction, waits for another request’s open transaction instead of joining it', async () => {
    const db = campaign.db.prisma;
    const n = await countAudit();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const tx = inTransaction(db, async (t) => {
      await insertAuditEvent(t, { at: new Date(), actor: 'cli', source: 'cli', action: 'test.other_request' });
      entered();
      await held;
      throw new Error('the other request rolls back');
    });
    await inside;
    // A write from elsewhere while that transaction is open: it must not be rolled back with it.
    const outside = sqlOf(db).run(`INSERT INTO audit_events (at, actor, source, action) VALUES (?, 'cli', 'cli', 'test.outside')`, [
      '2026-03-05T00:00:00.000+00:00',
    ]);
    let done = false;
    void outside.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    release();
    await expect(tx).rejects.toThrow('rolls back');
    await expect(outside).resolves.toBe(1);
    expect(await countAudit()).toBe(n + 1);
    const actions = (await sqlOf(db).all(`SELECT action FROM audit_events WHERE action LIKE 'test.%'`, [])).map((r) => r.action);
    expect(actions).toEqual(['test.outside']);
  });
});
