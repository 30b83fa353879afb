// Several isolates may run ticks and callbacks at once. Against D1 (no interactive transactions):
// timers fire once, cases never lose an update — the same claims and optimistic locks as on Node,
// each checked by a guard inside the step's D1 batch (src/db/d1-atomic-client.ts).
import { describe, expect, it } from 'vitest';
import { buildEngineDeps } from '../../src/app/cases/build-engine-deps.ts';
import type { EngineDeps } from '../../src/app/cases/engine-deps.ts';
import { sendCaseEvent } from '../../src/app/cases/send-case-event.ts';
import { fireGrouped } from '../../src/app/timers/fire-grouped.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { claimDueTimers } from '../../src/db/claim-due-timers.ts';
import { db, seedCampaign } from './worker-fixture.ts';

/** A second "isolate": its own Prisma client over the same D1. */
const otherIsolate = async (): Promise<EngineDeps> => buildEngineDeps(db(), 'Asia/Shanghai', { start: '21:00', end: '08:00' });

describe('concurrency on D1', () => {
  it('two overlapping ticks fire every due timer exactly once, also past D1’s 100 bound parameters', async () => {
    const openedAt = new Date('2025-10-13T01:00:00Z');
    const c = await seedCampaign('ticks', openedAt, 30);
    const now = new Date('2025-11-05T02:17:00Z');
    const due = await db().timer.count({ where: { status: 'pending', dueAt: { lte: now }, caseId: { in: c.caseIds } } });
    expect(due).toBeGreaterThan(100);
    const [a, b] = await Promise.all([runDueTimers(await otherIsolate(), now), runDueTimers(await otherIsolate(), now)]);
    expect(a.claimed + b.claimed).toBe(due);
    expect(
      await db().timer.count({ where: { status: { in: ['pending', 'claimed'] }, dueAt: { lte: now }, caseId: { in: c.caseIds } } }),
    ).toBe(0);
    expect(await db().auditEvent.count({ where: { action: 'case.deadline_passed', caseId: { in: c.caseIds } } })).toBe(30);
    // One escalation row per case and rung, never two.
    const rows = await db().escalation.findMany({ where: { caseId: { in: c.caseIds } } });
    expect(new Set(rows.map((r) => `${r.caseId}:${r.entrySeq}:${r.rung}`)).size).toBe(rows.length);
  });

  it('two clicks on the same case at once: one wins, the other is told; no update is lost', async () => {
    const c = await seedCampaign('race', new Date(), 1);
    const caseId = c.caseIds[0]!;
    const officer = await db().person.findFirstOrThrow({ where: { openId: c.officer }, include: { region: true } });
    const operator = { personId: officer.id, role: 'officer' as const, regionPath: officer.region!.path };
    const before = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    const click = async () =>
      sendCaseEvent(await otherIsolate(), {
        caseId,
        type: 'VERIFIED',
        form: { persons: 3, causes: ['收入低'], visit_date: '2025-10-13' },
        operator,
        source: 'card',
        now: new Date(),
        expectedState: 'verifying',
      });
    const results = await Promise.all([click(), click(), click()]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, code: expect.stringMatching(/conflict|stale/) });
    const after = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(after.state).toBe('classifying');
    expect(after.version).toBe(before.version + 1);
    expect(await db().auditEvent.count({ where: { caseId, action: 'case.transition' } })).toBe(1);
    expect(await db().timer.count({ where: { caseId, status: 'pending', key: { startsWith: `c${caseId}:e2:` } } })).toBeGreaterThan(0);
  });

  it('a tick that lost its lease changes nothing, and its timers are fired by the tick that took over', async () => {
    const openedAt = new Date('2025-10-13T01:00:00Z');
    const c = await seedCampaign('lease', openedAt, 1);
    const now = new Date('2025-11-05T02:17:00Z');
    const deps = await otherIsolate();
    const mine = (await claimDueTimers(deps.db, now, 'tick-a', 1000, 5 * 60_000)).filter((t) => t.caseId === c.caseIds[0]);
    expect(mine.length).toBeGreaterThan(0);
    // Tick A stalls past the lease; tick B takes its claims over and fires them.
    const later = new Date(now.getTime() + 6 * 60_000);
    const b = await runDueTimers(await otherIsolate(), later, { token: 'tick-b' });
    expect(b.claimed).toBeGreaterThanOrEqual(mine.length);
    // A wakes up: it no longer holds the claims, so its firing writes nothing: neither the timers
    // nor its effects (on D1 its step is one batch, failed by the claim's guard).
    const fired = await fireGrouped(
      deps,
      mine.map((t) => t.id),
      'tick-a',
      now,
      async (tx) => {
        await tx.auditEvent.create({ data: { at: now, actor: 'scheduler', source: 'scheduler', action: 'test.stale_effect' } });
      },
    );
    expect(fired).toBe(false);
    expect(await db().auditEvent.count({ where: { action: 'test.stale_effect' } })).toBe(0);
    expect(await db().timer.count({ where: { id: { in: mine.map((t) => t.id) }, status: 'fired', claimedBy: 'tick-b' } })).toBe(
      mine.length,
    );
    expect(await db().auditEvent.count({ where: { action: 'case.deadline_passed', caseId: c.caseIds[0] } })).toBe(1);
  });
});
