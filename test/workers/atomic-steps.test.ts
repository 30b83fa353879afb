// A step is all or nothing on D1: a Worker that dies part-way through a transition or a timer's
// firing, or a statement of the step that fails, leaves the case, its timers, its audit and its
// messages exactly as they were (the step's writes go to D1 as one batch: src/db/d1-atomic-client.ts).
import { describe, expect, it } from 'vitest';
import { buildEngineDeps } from '../../src/app/cases/build-engine-deps.ts';
import type { EngineDeps } from '../../src/app/cases/engine-deps.ts';
import { sendCaseEvent, type CaseEventInput } from '../../src/app/cases/send-case-event.ts';
import { fireGrouped } from '../../src/app/timers/fire-grouped.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { claimDueTimers } from '../../src/db/claim-due-timers.ts';
import { inAtomicStep } from '../../src/db/in-transaction.ts';
import { db, seedCampaign } from './worker-fixture.ts';

const deps = async (): Promise<EngineDeps> => buildEngineDeps(db(), 'Asia/Shanghai', { start: '21:00', end: '08:00' });

class WorkerDied extends Error {}

/** Everything a step could touch, for one case. */
async function footprint(caseId: number) {
  const prisma = db();
  const c = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  return {
    case: { state: c.state, version: c.version, entrySeq: c.entrySeq, deadlineAt: c.deadlineAt, snapshot: c.snapshot },
    timers: await prisma.timer.findMany({ where: { caseId }, orderBy: { id: 'asc' } }),
    escalations: await prisma.escalation.findMany({ where: { caseId }, orderBy: { id: 'asc' } }),
    audit: await prisma.auditEvent.count({ where: { caseId } }),
    outbox: await prisma.outboxMessage.count(),
  };
}

async function verifyInput(caseId: number, officerOpenId: string): Promise<CaseEventInput> {
  const officer = await db().person.findFirstOrThrow({ where: { openId: officerOpenId }, include: { region: true } });
  return {
    caseId,
    type: 'VERIFIED',
    form: { persons: 3, causes: ['收入低'], visit_date: '2025-10-13' },
    operator: { personId: officer.id, role: 'officer', regionPath: officer.region!.path },
    source: 'card',
    now: new Date(),
  };
}

describe('atomic steps on D1', () => {
  it('a transition whose Worker dies after the case row was written leaves nothing behind, and the retry applies once', async () => {
    const c = await seedCampaign('atomic-die', new Date(), 1);
    const caseId = c.caseIds[0]!;
    const before = await footprint(caseId);
    const input = await verifyInput(caseId, c.officer);
    // alongWith runs after the lock, the new state's timers, the clock and the card refreshes were
    // written, and before the audit row: the invocation dies there.
    await expect(
      sendCaseEvent(await deps(), input, 3, async () => {
        throw new WorkerDied('isolate killed mid-step');
      }),
    ).rejects.toThrow(WorkerDied);
    expect(await footprint(caseId)).toEqual(before);

    const retried = await sendCaseEvent(await deps(), input);
    expect(retried).toMatchObject({ ok: true, fromState: 'verifying', toState: 'classifying' });
    const after = await footprint(caseId);
    expect(after.case.version).toBe(before.case.version + 1);
    expect(await db().auditEvent.count({ where: { caseId, action: 'case.transition' } })).toBe(1);
  });

  it('a statement of the step failing inside D1 (at the end of the batch) undoes the statements before it', async () => {
    const c = await seedCampaign('atomic-fail', new Date(), 1);
    const caseId = c.caseIds[0]!;
    const before = await footprint(caseId);
    const taken = before.timers[0]!.key;
    // The last write of the step breaks a unique key: D1 rejects the batch when it runs it, after
    // the case update, the timers and the audit row were already executed inside the same batch.
    await expect(
      sendCaseEvent(await deps(), await verifyInput(caseId, c.officer), 3, async (tx) => {
        await tx.timer.createMany({ data: [{ key: taken, kind: 'remind', dueAt: new Date(), createdAt: new Date() }] });
      }),
    ).rejects.toThrow();
    expect(await footprint(caseId)).toEqual(before);
  });

  it('the race guard fails the whole batch: a lost lock writes neither the case nor its effects', async () => {
    const c = await seedCampaign('atomic-guard', new Date(), 1);
    const caseId = c.caseIds[0]!;
    const stale = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    await db().case.updateMany({ where: { id: caseId }, data: { version: { increment: 1 } } });
    const before = await footprint(caseId);
    const lost = new Error('lost');
    await expect(
      inAtomicStep(db(), async (tx, step) => {
        const r = await tx.case.updateMany({ where: { id: caseId, version: stale.version }, data: { state: 'closed_by_test' } });
        await step.expectChanged(r.count, 1, () => lost);
        await tx.auditEvent.create({ data: { at: new Date(), actor: 'test', source: 'cli', action: 'test.after_guard', caseId } });
      }),
    ).rejects.toBe(lost);
    expect(await footprint(caseId)).toEqual(before);
    // The guard passes when the count is right, in the same kind of batch.
    await inAtomicStep(db(), async (tx, step) => {
      const r = await tx.case.updateMany({ where: { id: caseId, version: stale.version + 1 }, data: { updatedAt: new Date() } });
      await step.expectChanged(r.count, 1, () => lost);
      await tx.auditEvent.create({ data: { at: new Date(), actor: 'test', source: 'cli', action: 'test.after_guard', caseId } });
    });
    expect(await db().auditEvent.count({ where: { caseId, action: 'test.after_guard' } })).toBe(1);
  });

  it('a tick that dies while firing leaves its timers claimed and unfired; the next tick after the lease fires each once', async () => {
    const openedAt = new Date('2025-10-13T01:00:00Z');
    const c = await seedCampaign('atomic-tick', openedAt, 3);
    const now = new Date('2025-11-05T02:17:00Z');
    const d = await deps();
    const claimed = (await claimDueTimers(d.db, now, 'tick-dies', 1000, 5 * 60_000)).filter((t) => c.caseIds.includes(t.caseId ?? -1));
    expect(claimed.length).toBeGreaterThan(1);
    const auditBefore = await db().auditEvent.count({ where: { caseId: { in: c.caseIds } } });
    await expect(
      fireGrouped(
        d,
        claimed.map((t) => t.id),
        'tick-dies',
        now,
        async (tx) => {
          for (const t of claimed)
            await tx.auditEvent.create({
              data: { at: now, actor: 'scheduler', source: 'scheduler', action: 'reminder.sent', caseId: t.caseId },
            });
          throw new WorkerDied('isolate killed after the effects were written');
        },
      ),
    ).rejects.toThrow(WorkerDied);
    expect(await db().timer.count({ where: { id: { in: claimed.map((t) => t.id) }, status: 'claimed', claimedBy: 'tick-dies' } })).toBe(
      claimed.length,
    );
    expect(await db().auditEvent.count({ where: { caseId: { in: c.caseIds } } })).toBe(auditBefore);

    const later = new Date(now.getTime() + 6 * 60_000);
    await runDueTimers(await deps(), later, { token: 'tick-takes-over' });
    const timers = await db().timer.findMany({ where: { id: { in: claimed.map((t) => t.id) } } });
    expect(timers.every((t) => t.status === 'fired' || t.status === 'cancelled')).toBe(true);
    expect(timers.filter((t) => t.status === 'fired').every((t) => t.claimedBy === 'tick-takes-over')).toBe(true);
    for (const caseId of c.caseIds)
      expect(await db().auditEvent.count({ where: { caseId, action: 'case.deadline_passed' } })).toBeLessThanOrEqual(1);
  });
});
