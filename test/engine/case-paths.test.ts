import { afterEach, describe, expect, it } from 'vitest';
import { sendCaseEvent } from '../../src/app/cases/send-case-event.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { at, createCampaign, type Campaign } from '../helpers/engine-fixture.ts';

let campaign: Campaign | undefined;
afterEach(async () => campaign?.db.cleanup());

const forms = {
  VERIFIED: { persons: 3, causes: ['收入低'], visit_date: '2025-09-28' },
  CLASSIFIED: { causes: ['收入低'], tier: '相对困难' },
  PLANNED: { measures: ['就业帮扶'], responsible: '麒麟区总工会' },
  IMPLEMENTED: { summary: '已安排公益性岗位' },
  CONFIRM_RELIEF: { accepted_on: '2025-10-20' },
  NOTICE_PASSED: { notice_end: '2025-10-30' },
};

async function send(c: Campaign, type: string, who: keyof Campaign['people'], now: Date, form?: Record<string, unknown>) {
  return sendCaseEvent(c.deps, { caseId: c.caseIds[0]!, type, form, operator: c.people[who], source: 'card', now });
}

describe('the default flow, end to end', () => {
  it('enters 落实帮扶 already overdue when the household’s 脱困时限 has passed, and the deadline fires at the next tick', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30'), deadline: '2025-10-05' });
    const c = campaign;
    expect(await send(c, 'VERIFIED', 'officer', at('2025-09-29 10:00'), forms.VERIFIED)).toMatchObject({ ok: true });
    expect(await send(c, 'CLASSIFIED', 'officer', at('2025-09-30 10:00'), forms.CLASSIFIED)).toMatchObject({ ok: true });
    const planned = await send(c, 'PLANNED', 'officer', at('2025-10-09 10:00'), forms.PLANNED);
    expect(planned).toMatchObject({ ok: true, toState: 'implementing' });
    const entered = await c.db.prisma.case.findUniqueOrThrow({ where: { id: c.caseIds[0] } });
    expect(entered.deadlineAt?.toISOString()).toBe(at('2025-10-06 00:00').toISOString());
    await runDueTimers(c.deps, at('2025-10-09 10:01'));
    expect(await c.db.prisma.auditEvent.count({ where: { action: 'case.deadline_passed', caseId: c.caseIds[0] } })).toBe(1);
  });
  it('walks verify → classify → plan → implement → acceptance → public notice → relieved, closes the file and schedules the next cycle', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30'), deadline: '2025-12-31' });
    const c = campaign;
    const steps: [string, keyof Campaign['people'], string, Record<string, unknown> | undefined, string][] = [
      ['2025-09-29 10:00', 'officer', 'VERIFIED', forms.VERIFIED, 'classifying'],
      ['2025-09-30 10:00', 'officer', 'CLASSIFIED', forms.CLASSIFIED, 'planning'],
      ['2025-10-09 10:00', 'officer', 'PLANNED', forms.PLANNED, 'implementing'],
      ['2025-10-15 10:00', 'officer', 'IMPLEMENTED', forms.IMPLEMENTED, 'acceptance'],
      ['2025-10-20 10:00', 'county', 'CONFIRM_RELIEF', forms.CONFIRM_RELIEF, 'public_notice'],
      ['2025-10-30 10:00', 'city', 'NOTICE_PASSED', forms.NOTICE_PASSED, 'relieved'],
    ];
    for (const [when, who, type, form, expected] of steps) {
      const r = await send(c, type, who, at(when), form);
      expect(r, `${type}`).toMatchObject({ ok: true, toState: expected });
    }
    const done = await c.db.prisma.case.findUniqueOrThrow({ where: { id: c.caseIds[0] }, include: { household: true } });
    expect(done).toMatchObject({ status: 'closed', state: 'relieved', deadlineAt: null });
    expect(done.household.closedOn).toBe('2025-10-30');
    // 落实帮扶 used the household's own 脱困时限 from the import.
    const implementing = await c.db.prisma.auditEvent.findFirstOrThrow({ where: { toState: 'implementing' } });
    expect((implementing.after as { deadlineAt: string }).deadlineAt).toBe(at('2026-01-01 00:00').toISOString());
    expect(await c.db.prisma.timer.count({ where: { caseId: c.caseIds[0], status: 'pending', kind: { not: 'next_cycle' } } })).toBe(0);
    const next = await c.db.prisma.timer.findFirstOrThrow({ where: { kind: 'next_cycle' } });
    expect(next.dueAt.toISOString()).toBe(at('2026-10-30 10:00').toISOString());

    // A year later the re-verification opens the next cycle, carrying the history.
    await runDueTimers(c.deps, at('2026-10-30 10:05'));
    const cycle2 = await c.db.prisma.case.findFirstOrThrow({ where: { previousCaseId: c.caseIds[0] }, include: { household: true } });
    expect(cycle2).toMatchObject({ campaign: '2025户户清 第2轮', state: 'verifying', status: 'active' });
    expect(cycle2.household.closedOn).toBeNull();
    expect((cycle2.snapshot as { context: { cycle: number } }).context.cycle).toBe(2);
  });

  it('sends a case back for re-verification with a reason', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    await send(campaign, 'VERIFIED', 'officer', at('2025-09-29 10:00'), forms.VERIFIED);
    const r = await send(campaign, 'SEND_BACK', 'county', at('2025-09-30 10:00'), { reason: '人口数与户籍不符' });
    expect(r).toMatchObject({ ok: true, fromState: 'classifying', toState: 'verifying' });
    const c = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    expect((c.snapshot as { context: { reasons: { reason: string }[] } }).context.reasons.map((x) => x.reason)).toEqual([
      '人口数与户籍不符',
    ]);
    // A fresh 10-workday clock for the new entry: the end of 2025-10-21 (09-30 + 10 workdays: 10-09, 10-10, Sat 10-11, 10-13 … 10-17, 10-20, 10-21).
    expect(c.deadlineAt?.toISOString()).toBe(at('2025-10-22 00:00').toISOString());
  });

  it('closes a file for retirement with a reason (supervisor only)', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    const byOfficer = await send(campaign, 'CLOSE', 'officer', at('2025-09-29 10:00'), { reason: '退休' });
    expect(byOfficer).toMatchObject({ ok: false, code: 'forbidden' });
    const r = await send(campaign, 'CLOSE', 'county', at('2025-09-29 10:00'), { reason: '退休', note: '2025年9月办理退休' });
    expect(r).toMatchObject({ ok: true, toState: 'closed', final: true });
    const h = await campaign.db.prisma.household.findFirstOrThrow();
    expect(h).toMatchObject({ closedOn: '2025-09-29', closedReason: '退休' });
  });

  it('pauses the clock during extension review and resumes it with the remaining budget plus the workdays granted', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-11-03 09:00') }); // Monday
    const c0 = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    expect(c0.deadlineAt?.toISOString()).toBe(at('2025-11-18 00:00').toISOString()); // end of Mon 11-17
    // Day 3 (Wed 11-05 10:00): the officer asks for 3 more workdays.
    expect(
      await send(campaign, 'REQUEST_EXTENSION', 'officer', at('2025-11-05 10:00'), { workdays: 3, reason: '户主住院，需等出院后入户' }),
    ).toMatchObject({ ok: true, toState: 'extension_review' });
    const review = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    expect(review.deadlineAt?.toISOString()).toBe(at('2025-11-08 00:00').toISOString()); // the review's own 2 workdays
    // Five calendar days later (Mon 11-10 10:00, over a weekend) the supervisor grants 3 workdays.
    expect(await send(campaign, 'GRANT_EXTENSION', 'county', at('2025-11-10 10:00'), { workdays: 3 })).toMatchObject({
      ok: true,
      toState: 'verifying',
    });
    const resumed = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    // Paused at 11-05 10:00 with 8 whole workdays left (11-06 … 11-17); resumed 11-10 10:00 → the end of
    // the 8th workday after 11-10 = 11-20; plus 3 granted → the end of 11-25.
    expect(resumed.deadlineAt?.toISOString()).toBe(at('2025-11-26 00:00').toISOString());
    const clock = resumed.clock as { ledger: { pauses: { from: string; to: string }[] } };
    expect(clock.ledger.pauses).toHaveLength(1);
    expect(clock.ledger.pauses[0]).toMatchObject({ from: at('2025-11-05 10:00').toISOString(), to: at('2025-11-10 10:00').toISOString() });
  });
});

describe('who may act, and bad input', () => {
  it('refuses strangers, wrong roles and incomplete forms, changing nothing', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    const before = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    expect(await send(campaign, 'VERIFIED', 'stranger', at('2025-09-29 10:00'), forms.VERIFIED)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await send(campaign, 'VERIFIED', 'county', at('2025-09-29 10:00'), forms.VERIFIED)).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: expect.stringContaining('只能由责任人操作'),
    });
    const missing = await send(campaign, 'VERIFIED', 'officer', at('2025-09-29 10:00'), { persons: 3 });
    expect(missing).toMatchObject({ ok: false, code: 'form_invalid' });
    expect(missing.ok ? '' : missing.message).toMatch(/请填写「致困原因」/);
    expect(await send(campaign, 'VERIFIED', 'officer', at('2025-09-29 10:00'), { ...forms.VERIFIED, persons: 'abc' })).toMatchObject({
      ok: false,
      code: 'form_invalid',
    });
    expect(await send(campaign, 'NOTICE_PASSED', 'admin', at('2025-09-29 10:00'), forms.NOTICE_PASSED)).toMatchObject({
      ok: false,
      code: 'no_transition',
    });
    const after = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('verifying');
  });

  it('lets the delegate act for an officer on leave, recorded as such', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    expect(await send(campaign, 'VERIFIED', 'delegate', at('2025-09-29 10:00'), forms.VERIFIED)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    await campaign.db.prisma.person.update({
      where: { id: campaign.people.officer.personId },
      data: { onLeave: true, delegateId: campaign.people.delegate.personId },
    });
    expect(await send(campaign, 'VERIFIED', 'delegate', at('2025-09-29 10:00'), forms.VERIFIED)).toMatchObject({ ok: true });
    const audit = await campaign.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'case.transition' } });
    expect(audit.actor).toBe(`person:${campaign.people.delegate.personId}`);
    expect((audit.after as { asDelegate: boolean }).asDelegate).toBe(true);
  });

  it('when two people act on the same card at once, one wins and the other is told', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    await send(campaign, 'VERIFIED', 'officer', at('2025-09-29 10:00'), forms.VERIFIED);
    const [a, b] = await Promise.all([
      sendCaseEvent(campaign.deps, {
        caseId: campaign.caseIds[0]!,
        type: 'SEND_BACK',
        form: { reason: 'A' },
        operator: campaign.people.county,
        source: 'card',
        now: at('2025-09-30 10:00'),
        expectedState: 'classifying',
      }),
      sendCaseEvent(campaign.deps, {
        caseId: campaign.caseIds[0]!,
        type: 'CLASSIFIED',
        form: forms.CLASSIFIED,
        operator: campaign.people.officer,
        source: 'card',
        now: at('2025-09-30 10:00'),
        expectedState: 'classifying',
      }),
    ]);
    const results = [a, b].map((r) => (r.ok ? 'ok' : r.code)).sort();
    expect(results[1]).toBe('ok');
    expect(['conflict', 'stale']).toContain(results[0]);
    expect(await campaign.db.prisma.auditEvent.count({ where: { action: 'case.transition', fromState: 'classifying' } })).toBe(1);
  });
});

describe('more paths of the default flow', () => {
  it('refuses an extension: back to the same step, its clock resumed without extra time', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-11-03 09:00') });
    await send(campaign, 'REQUEST_EXTENSION', 'officer', at('2025-11-05 10:00'), { workdays: 3, reason: '等待材料' });
    const r = await send(campaign, 'REFUSE_EXTENSION', 'city', at('2025-11-06 10:00'), { reason: '材料可后补' });
    expect(r).toMatchObject({ ok: true, toState: 'verifying' });
    const c = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    // Paused 11-05 10:00 (8 whole workdays left), resumed 11-06 10:00 → the end of 11-18.
    expect(c.deadlineAt?.toISOString()).toBe(at('2025-11-19 00:00').toISOString());
  });

  it('records progress without leaving 落实帮扶, and a supervisor reassigns the household from the card', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    await send(campaign, 'VERIFIED', 'officer', at('2025-09-29 10:00'), forms.VERIFIED);
    await send(campaign, 'CLASSIFIED', 'officer', at('2025-09-30 10:00'), forms.CLASSIFIED);
    await send(campaign, 'PLANNED', 'officer', at('2025-10-09 10:00'), forms.PLANNED);
    const progress = await send(campaign, 'PROGRESS', 'officer', at('2025-10-10 10:00'), { progress: '已联系用人单位' });
    expect(progress).toMatchObject({ ok: true, changed: false, toState: 'implementing' });
    const reassign = await send(campaign, 'REASSIGN', 'county', at('2025-10-10 11:00'), {
      officer: String(campaign.people.delegate.personId),
      reason: '调岗',
    });
    expect(reassign).toMatchObject({ ok: true, toState: 'implementing' });
    const c = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    expect((c.snapshot as { context: { officerId: string; forms: Record<string, unknown> } }).context).toMatchObject({
      officerId: String(campaign.people.delegate.personId),
      forms: { implementing: { progress: '已联系用人单位' } },
    });
  });

  it('sends the explicit DEADLINE_PASSED event to the case when its flow handles it, exactly once', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    const { publishFlow } = await import('../../src/app/flows/publish-flow.ts');
    const { openCase } = await import('../../src/app/cases/open-case.ts');
    const { defaultFlowText } = await import('../helpers/engine-fixture.ts');
    const flow = JSON.parse(defaultFlowText);
    flow.version = 2;
    flow.states.working.states.verifying.on.DEADLINE_PASSED = { target: '#huhuqing.acceptance' };
    await publishFlow(campaign.db.prisma, JSON.stringify(flow), 'v2.json', { actor: 'test', now: at('2025-09-26 16:00') });
    const h = await campaign.db.prisma.household.findFirstOrThrow();
    const opened = await openCase(campaign.deps, {
      householdId: h.id,
      campaign: '第二批',
      flowId: 'huhuqing',
      actor: 'test',
      source: 'admin',
      now: at('2025-09-26 16:00'),
    });
    await runDueTimers(campaign.deps, at('2025-10-17 09:00'));
    await runDueTimers(campaign.deps, at('2025-10-17 09:10'));
    const c = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: opened.caseId } });
    expect(c.state).toBe('acceptance');
    expect(
      await campaign.db.prisma.auditEvent.count({
        where: { caseId: opened.caseId, action: 'case.transition', fromState: 'verifying', toState: 'acceptance' },
      }),
    ).toBe(1);
    const v1 = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: campaign.caseIds[0] } });
    expect(v1.state).toBe('verifying'); // v1 has no such transition: the deadline is only recorded
  });
});
