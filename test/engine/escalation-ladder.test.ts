import { afterEach, describe, expect, it } from 'vitest';
import { acknowledgeEscalation } from '../../src/app/cases/acknowledge-escalation.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { at, createCampaign, type Campaign } from '../helpers/engine-fixture.ts';

let campaign: Campaign | undefined;
afterEach(async () => campaign?.db.cleanup());

// Deadline: the end of Thu 2025-10-16. Rung 0 (inspection group) 1 workday later: the end of Fri 10-17
// → Sat 10-18 08:xx (after the night); rung 1 (city supervisor, urgent) 3 workdays later: the end of 10-21.

describe('escalation ladder', () => {
  it('climbs from the county inspection group to the city supervisor when nobody acknowledges', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    const p = campaign.db.prisma;
    await runDueTimers(campaign.deps, at('2025-10-17 09:00')); // deadline passes, reminders out
    expect(await p.auditEvent.count({ where: { action: 'case.deadline_passed' } })).toBe(2);
    expect(await p.escalation.count()).toBe(0);

    await runDueTimers(campaign.deps, at('2025-10-18 09:00'));
    const first = await p.escalation.findMany();
    expect(first.map((e) => [e.rung, e.target, e.chatId, e.status])).toEqual([
      [0, 'inspection_group', 'oc_inspection', 'open'],
      [0, 'inspection_group', 'oc_inspection', 'open'],
    ]);
    const toGroup = await p.outboxMessage.findMany({ where: { receiveId: 'oc_inspection' } });
    expect(toGroup).toHaveLength(1); // both households in one card
    expect((toGroup[0]?.payload as { items: unknown[] }).items).toHaveLength(2);

    await runDueTimers(campaign.deps, at('2025-10-22 09:00'));
    const all = await p.escalation.findMany({ orderBy: [{ caseId: 'asc' }, { rung: 'asc' }] });
    expect(all.map((e) => [e.rung, e.status])).toEqual([
      [0, 'superseded'],
      [1, 'open'],
      [0, 'superseded'],
      [1, 'open'],
    ]);
    const toCity = await p.outboxMessage.findMany({ where: { receiveId: 'ou_city' } });
    expect(toCity.map((m) => m.kind).sort()).toEqual(['send', 'urgent']);
  });

  it('stops climbing when someone of the rung acknowledges (督办), and refuses others', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    const caseId = campaign.caseIds[0]!;
    await runDueTimers(campaign.deps, at('2025-10-18 09:00'));
    const stranger = await acknowledgeEscalation(campaign.deps, caseId, campaign.people.stranger, at('2025-10-18 10:00'));
    expect(stranger).toMatchObject({ ok: false, code: 'forbidden' });
    const ack = await acknowledgeEscalation(campaign.deps, caseId, campaign.people.county, at('2025-10-18 10:00'));
    expect(ack.ok).toBe(true);
    expect(await acknowledgeEscalation(campaign.deps, caseId, campaign.people.city, at('2025-10-18 10:05'))).toMatchObject({
      ok: false,
      code: 'already',
    });
    await runDueTimers(campaign.deps, at('2025-10-25 09:00'));
    expect(await campaign.db.prisma.escalation.findMany()).toMatchObject([
      { rung: 0, status: 'acknowledged', acknowledgedBy: campaign.people.county.personId },
    ]);
    expect(await campaign.db.prisma.outboxMessage.count({ where: { receiveId: 'ou_city' } })).toBe(0);
    expect(await campaign.db.prisma.auditEvent.count({ where: { action: 'escalation.acknowledged' } })).toBe(1);
  });

  it('records an unroutable rung when the county has no inspection group bound, and still climbs', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    await campaign.db.prisma.chat.deleteMany();
    await runDueTimers(campaign.deps, at('2025-10-22 09:00'));
    expect(await campaign.db.prisma.auditEvent.count({ where: { action: 'escalation.unroutable' } })).toBe(1);
    expect(await campaign.db.prisma.outboxMessage.count({ where: { receiveId: 'ou_city', kind: 'send' } })).toBe(1);
  });
});
