import { afterEach, describe, expect, it } from 'vitest';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { at, createCampaign, type Campaign } from '../helpers/engine-fixture.ts';

let campaign: Campaign | undefined;
afterEach(async () => campaign?.db.cleanup());

describe('deadlines in Chinese working days', () => {
  it('opens cases in 入户核实 with a 10-workday deadline counted across National Day 2025 and its make-up weekends', async () => {
    campaign = await createCampaign({ openedAt: at('2025-09-26 15:30') });
    const c = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    expect(c.state).toBe('verifying');
    // Working days after Fri 09-26: Sun 09-28 (make-up), 09-29, 09-30, [10-01…10-08 holiday], 10-09, 10-10,
    // Sat 10-11 (make-up), 10-13, 10-14, 10-15, 10-16 → the end of Thu 2025-10-16.
    expect(c.deadlineAt?.toISOString()).toBe(at('2025-10-17 00:00').toISOString());
    const timers = await campaign.db.prisma.timer.findMany({ where: { caseId: c.id }, orderBy: { dueAt: 'asc' } });
    expect(timers.map((t) => t.kind)).toEqual(['remind', 'remind', 'deadline', 'escalate', 'escalate']);
    const [threeDays, fourHours] = timers;
    // 3 workdays before the end of 10-16 is the end of 10-13 (skipping Sunday 10-12), moved off :00 and out of the night.
    expect(threeDays?.dueAt.getTime()).toBeGreaterThan(at('2025-10-14 08:00').getTime());
    expect(threeDays?.dueAt.getTime()).toBeLessThan(at('2025-10-14 08:15').getTime());
    // 4 hours before midnight is 20:00, off the hour by a few minutes.
    expect(fourHours?.dueAt.getTime()).toBeGreaterThan(at('2025-10-16 20:00').getTime());
    expect(fourHours?.dueAt.getTime()).toBeLessThan(at('2025-10-16 20:15').getTime());
    for (const t of timers) expect(new Date(t.dueAt).getUTCMinutes() % 30 === 0 && t.kind !== 'deadline').toBe(false);
  });
});

describe('reminders', () => {
  it('gathers every household due soon into one digest per officer per run', async () => {
    campaign = await createCampaign({ households: 3, openedAt: at('2025-09-26 15:30') });
    const before = await runDueTimers(campaign.deps, at('2025-10-13 12:00'));
    expect(before.claimed).toBe(0);
    const r = await runDueTimers(campaign.deps, at('2025-10-14 09:00'));
    expect(r).toMatchObject({ claimed: 3, fired: 3, messages: 1 });
    const outbox = await campaign.db.prisma.outboxMessage.findMany();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ receiveIdType: 'open_id', receiveId: 'ou_officer', status: 'pending' });
    expect((outbox[0]?.payload as { items: unknown[] }).items).toHaveLength(3);
    expect(await campaign.db.prisma.auditEvent.count({ where: { action: 'reminder.sent' } })).toBe(3);
    // Nothing fires twice.
    expect((await runDueTimers(campaign.deps, at('2025-10-14 09:05'))).claimed).toBe(0);
  });

  it('splits a long digest into cards of 25 households, so no card outgrows Lark’s limits', async () => {
    campaign = await createCampaign({ households: 60, openedAt: at('2025-09-26 15:30') });
    await runDueTimers(campaign.deps, at('2025-10-14 09:00'));
    const outbox = await campaign.db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(outbox.map((o) => (o.payload as { items: unknown[] }).items.length)).toEqual([25, 25, 10]);
  });

  it('sends nothing at night: due reminders wait for the morning, off the hour', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    const night = await runDueTimers(campaign.deps, at('2025-10-16 22:30'));
    expect(night).toMatchObject({ deferred: 4, fired: 0 });
    expect(await campaign.db.prisma.outboxMessage.count()).toBe(0);
    const pending = await campaign.db.prisma.timer.findMany({ where: { kind: 'remind', status: 'pending' } });
    for (const t of pending) {
      expect(t.dueAt.getTime()).toBeGreaterThan(at('2025-10-17 08:00').getTime());
      expect(t.dueAt.getTime()).toBeLessThan(at('2025-10-17 08:15').getTime());
    }
  });

  it('sends an officer on leave’s reminders to their delegate', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    await campaign.db.prisma.person.update({
      where: { id: campaign.people.officer.personId },
      data: { onLeave: true, delegateId: campaign.people.delegate.personId },
    });
    await runDueTimers(campaign.deps, at('2025-10-14 09:00'));
    const outbox = await campaign.db.prisma.outboxMessage.findMany();
    expect(outbox.map((o) => o.receiveId)).toEqual(['ou_delegate']);
    const audit = await campaign.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'reminder.sent' } });
    expect((audit.after as { asDelegateFor: number }).asDelegateFor).toBe(campaign.people.officer.personId);
  });
});

describe('late reminders', () => {
  it('lists a household once when both of its reminders fall due in the same tick', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    await runDueTimers(campaign.deps, at('2025-10-17 09:00'));
    const digests = await campaign.db.prisma.outboxMessage.findMany({ where: { receiveId: 'ou_officer' } });
    expect(digests).toHaveLength(1);
    expect((digests[0]?.payload as { items: { caseId: number }[] }).items.map((i) => i.caseId).sort()).toEqual(
      [...campaign.caseIds].sort(),
    );
  });
});
