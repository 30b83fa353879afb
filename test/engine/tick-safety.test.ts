import { afterEach, describe, expect, it } from 'vitest';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { fireDeadline } from '../../src/app/timers/fire-deadline.ts';
import { loadTimerCases } from '../../src/app/timers/load-timer-cases.ts';
import { claimDueTimers } from '../../src/db/claim-due-timers.ts';
import { at, createCampaign, type Campaign } from '../helpers/engine-fixture.ts';

let campaign: Campaign | undefined;
afterEach(async () => campaign?.db.cleanup());

async function firingCounts(c: Campaign) {
  const audit = await c.db.prisma.auditEvent.groupBy({ by: ['action', 'caseId'], _count: true, where: { source: 'scheduler' } });
  return audit;
}

describe('scheduler ticks', () => {
  it('a tick killed half-way and re-run fires every due timer exactly once', async () => {
    campaign = await createCampaign({ households: 4, openedAt: at('2025-09-26 15:30') });
    const now = at('2025-10-18 09:00'); // reminders, deadlines and the first rung are all due: 4 × 4 timers
    // The dying tick: claims everything, fires two deadlines, then the process is gone.
    const claimed = await claimDueTimers(campaign.db.prisma, now, 'dead-tick', 10_000, 5 * 60_000);
    expect(claimed).toHaveLength(16);
    const cases = await loadTimerCases(
      campaign.db.prisma,
      claimed.map((t) => t.caseId!),
    );
    for (const t of claimed.filter((x) => x.kind === 'deadline').slice(0, 2))
      await fireDeadline(campaign.deps, t, cases.get(t.caseId!), 'dead-tick', now);

    // A tick within the lease leaves the dead tick's claims alone…
    expect((await runDueTimers(campaign.deps, at('2025-10-18 09:02'))).claimed).toBe(0);
    // …the next one after the lease takes them over and fires the rest, once.
    const rerun = await runDueTimers(campaign.deps, at('2025-10-18 09:06'));
    expect(rerun.claimed).toBe(14);
    expect(rerun.fired).toBe(14);
    for (const row of await firingCounts(campaign)) expect(row._count, `${row.action} of case ${row.caseId}`).toBe(1); // both reminders of a case in one digest line
    expect(await campaign.db.prisma.timer.count({ where: { status: { in: ['pending', 'claimed'] }, dueAt: { lte: now } } })).toBe(0);
    expect(await campaign.db.prisma.outboxMessage.count({ where: { receiveId: 'oc_inspection' } })).toBe(1);
    expect((await runDueTimers(campaign.deps, at('2025-10-18 09:20'))).claimed).toBe(0);
  });

  it('two overlapping ticks never fire the same timer twice', async () => {
    campaign = await createCampaign({ households: 6, openedAt: at('2025-09-26 15:30') });
    const [a, b] = await Promise.all([
      runDueTimers(campaign.deps, at('2025-10-18 09:00')),
      runDueTimers(campaign.deps, at('2025-10-18 09:00')),
    ]);
    expect(a.claimed + b.claimed).toBe(24);
    expect(a.fired + b.fired).toBe(24);
    for (const row of await firingCounts(campaign)) expect(row._count).toBe(1);
    expect(await campaign.db.prisma.escalation.count()).toBe(6);
  });

  it('costs work for due timers only: timers of later states or cancelled ones are not touched', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    const r = await runDueTimers(campaign.deps, at('2025-10-01 09:00'));
    expect(r.claimed).toBe(0);
    expect(await campaign.db.prisma.timer.count({ where: { status: 'pending' } })).toBe(10);
  });
});

describe('ticks at volume', () => {
  it('fires more due timers for one officer and one group than SQLite takes bound parameters in one statement', async () => {
    campaign = await createCampaign({ households: 1100, openedAt: at('2025-09-26 15:30') });
    const r = await runDueTimers(campaign.deps, at('2025-10-18 09:00'));
    expect(r.fired).toBe(r.claimed);
    expect(r.claimed).toBe(1100 * 4);
    expect(await campaign.db.prisma.escalation.count()).toBe(1100);
    expect(await campaign.db.prisma.outboxMessage.count({ where: { receiveId: 'oc_inspection' } })).toBe(44); // 25 per card
  }, 120_000);
});
