// Found by the kill-restart test: a tick loads the cases of its due timers, then fires them group by
// group; a person who moves a case on in between made the tick send a reminder, record a deadline
// and escalate for a state the case had already left. Those timers are obsolete when they fire.
import { afterEach, describe, expect, it } from 'vitest';
import { sendCaseEvent } from '../../src/app/cases/send-case-event.ts';
import { fireDeadline } from '../../src/app/timers/fire-deadline.ts';
import { fireEscalations } from '../../src/app/timers/fire-escalations.ts';
import { fireReminders } from '../../src/app/timers/fire-reminders.ts';
import { loadTimerCases } from '../../src/app/timers/load-timer-cases.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { claimDueTimers } from '../../src/db/claim-due-timers.ts';
import { at, createCampaign, type Campaign } from '../helpers/engine-fixture.ts';

let campaign: Campaign | undefined;
afterEach(async () => campaign?.db.cleanup());

const verified = { persons: 3, causes: ['收入低'], visit_date: '2025-10-17' };

describe('a tick racing a person', () => {
  it('fires nothing for a case that left the state between the tick’s look-up and its firing, and everything for the others', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    const { prisma } = campaign.db;
    const [moved, waiting] = campaign.caseIds as [number, number];
    const now = at('2025-10-18 09:00'); // both reminders, the deadline and the first rung are due
    const claimed = await claimDueTimers(prisma, now, 'the-tick', 10_000, 5 * 60_000);
    const cases = await loadTimerCases(
      prisma,
      claimed.map((t) => t.caseId!),
    );
    expect(claimed).toHaveLength(8);

    // The officer submits 已核实 for one case while the tick is between its look-up and its firing.
    const sent = await sendCaseEvent(campaign.deps, {
      caseId: moved,
      type: 'VERIFIED',
      form: verified,
      operator: campaign.people.officer,
      source: 'card',
      now: at('2025-10-18 09:00'),
    });
    expect(sent).toMatchObject({ ok: true, toState: 'classifying' });

    for (const t of claimed.filter((x) => x.kind === 'deadline'))
      await fireDeadline(campaign.deps, t, cases.get(t.caseId!), 'the-tick', now);
    await fireReminders(
      campaign.deps,
      claimed.filter((t) => t.kind === 'remind'),
      cases,
      'the-tick',
      now,
    );
    await fireEscalations(
      campaign.deps,
      claimed.filter((t) => t.kind === 'escalate'),
      cases,
      'the-tick',
      now,
    );

    const effects = await prisma.auditEvent.findMany({ where: { source: 'scheduler' }, orderBy: { id: 'asc' } });
    expect(effects.map((a) => [a.caseId, a.action, a.fromState])).toEqual([
      [waiting, 'case.deadline_passed', 'verifying'],
      [waiting, 'reminder.sent', 'verifying'],
      [waiting, 'escalation.sent', 'verifying'],
    ]);
    expect(await prisma.escalation.findMany({ select: { caseId: true } })).toEqual([{ caseId: waiting }]);
    const digests = await prisma.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'digest:' } } });
    expect(digests.map((m) => (m.payload as { items: { caseId: number }[] }).items.map((i) => i.caseId))).toEqual([[waiting]]);
    const timers = await prisma.timer.findMany({ where: { key: { startsWith: `c${moved}:e1:` } } });
    expect(new Set(timers.map((t) => t.status))).toEqual(new Set(['cancelled']));
    expect(await prisma.timer.count({ where: { status: 'claimed' } })).toBe(0);
    // Nothing is left for a later tick to fire twice.
    expect((await runDueTimers(campaign.deps, at('2025-10-18 09:30'))).fired).toBe(0);
  });
});
