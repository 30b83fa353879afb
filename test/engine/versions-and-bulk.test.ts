import { afterEach, describe, expect, it } from 'vitest';
import { extendDeadlines } from '../../src/app/cases/extend-deadlines.ts';
import { migrateCases } from '../../src/app/cases/migrate-cases.ts';
import { openCase } from '../../src/app/cases/open-case.ts';
import { reassignOfficer } from '../../src/app/cases/reassign-officer.ts';
import { sendCaseEvent } from '../../src/app/cases/send-case-event.ts';
import { publishFlow } from '../../src/app/flows/publish-flow.ts';
import { at, createCampaign, defaultFlowText, type Campaign } from '../helpers/engine-fixture.ts';

let campaign: Campaign | undefined;
afterEach(async () => campaign?.db.cleanup());

/** v2: 入户核实 gets 15 workdays and 精准识别 is renamed 识别分类 (state key `identifying`). */
function version2(): string {
  const flow = JSON.parse(defaultFlowText);
  flow.version = 2;
  const working = flow.states.working.states;
  working.verifying.meta.deadline = { workdays: 15 };
  working.identifying = working.classifying;
  delete working.classifying;
  working.identifying.meta.title = '识别分类';
  working.verifying.on.VERIFIED.target = 'identifying';
  return JSON.stringify(flow, null, 2);
}

describe('flow versions', () => {
  it('a published v2 leaves running v1 cases alone; new cases start on v2', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    expect(await publishFlow(campaign.db.prisma, version2(), 'v2.json', { actor: 'admin', now: at('2025-09-29 09:00') })).toMatchObject({
      version: 2,
      unchanged: false,
    });
    const h = await campaign.db.prisma.household.create({
      data: {
        archiveNo: 'NEW-1',
        archiveLevel: '省级',
        regionId: (await campaign.db.prisma.household.findFirstOrThrow()).regionId,
        headName: '新户',
        idNumber: 'x',
        persons: 1,
        causes: '收入低',
        causeMask: 1,
        filedOn: '2025-09-29',
        rowHash: 'h',
      },
    });
    const fresh = await openCase(campaign.deps, {
      householdId: h.id,
      campaign: '2025户户清',
      flowId: 'huhuqing',
      actor: 'admin',
      source: 'admin',
      now: at('2025-09-29 09:00'),
    });
    const cases = await campaign.db.prisma.case.findMany({ orderBy: { id: 'asc' } });
    expect(cases.map((c) => c.flowVersion)).toEqual([1, 1, 2]);
    const v1 = await sendCaseEvent(campaign.deps, {
      caseId: campaign.caseIds[0]!,
      type: 'VERIFIED',
      form: { persons: 3, causes: ['收入低'], visit_date: '2025-09-28' },
      operator: campaign.people.officer,
      source: 'card',
      now: at('2025-09-29 10:00'),
    });
    expect(v1).toMatchObject({ ok: true, toState: 'classifying' });
    const v2 = await sendCaseEvent(campaign.deps, {
      caseId: fresh.caseId,
      type: 'VERIFIED',
      form: { persons: 1, causes: ['收入低'], visit_date: '2025-09-28' },
      operator: campaign.people.admin,
      source: 'card',
      now: at('2025-09-29 10:00'),
    });
    expect(v2).toMatchObject({ ok: false, code: 'forbidden' }); // the new household has no officer; only the officer may verify
  });

  it('refuses to publish an invalid flow, or one whose version is not higher', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    await expect(
      publishFlow(campaign.db.prisma, '{ "id": "huhuqing", ', 'bad.json', { actor: 'admin', now: at('2025-09-29 09:00') }),
    ).rejects.toThrow(/有 1 处问题，未发布/);
    const same = JSON.parse(version2());
    same.version = 1;
    await expect(
      publishFlow(campaign.db.prisma, JSON.stringify(same), 'v1b.json', { actor: 'admin', now: at('2025-09-29 09:00') }),
    ).rejects.toThrow(/"version" 须大于 1/);
    expect(
      await publishFlow(campaign.db.prisma, defaultFlowText, 'same.json', { actor: 'admin', now: at('2025-09-29 09:00') }),
    ).toMatchObject({ unchanged: true, version: 1 });
  });

  it('migrates running cases with an explicit state mapping after a dry run that lists each case', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    await sendCaseEvent(campaign.deps, {
      caseId: campaign.caseIds[0]!,
      type: 'VERIFIED',
      form: { persons: 3, causes: ['收入低'], visit_date: '2025-09-28' },
      operator: campaign.people.officer,
      source: 'card',
      now: at('2025-09-29 10:00'),
    });
    await publishFlow(campaign.db.prisma, version2(), 'v2.json', { actor: 'admin', now: at('2025-09-29 11:00') });
    const base = { flowId: 'huhuqing', fromVersion: 1, toVersion: 2, actor: 'admin', now: at('2025-09-30 09:00') };
    await expect(migrateCases(campaign.deps, { ...base, mapping: {}, dryRun: true })).rejects.toThrow(/「classifying」在第 2 版中不存在/);
    const mapping = { classifying: 'identifying' };
    const dry = await migrateCases(campaign.deps, { ...base, mapping, dryRun: true });
    expect(dry.migrated).toBe(0);
    expect(dry.plan.map((p) => [p.fromState, p.toState])).toEqual([
      ['classifying', 'identifying'],
      ['verifying', 'verifying'],
    ]);
    // 15 workdays from Tue 09-30 09:00 on v2: 10-09 … the end of 2025-10-28.
    expect(dry.plan[1]?.deadlineAt).toBe(at('2025-10-29 00:00').toISOString());
    expect(await campaign.db.prisma.case.count({ where: { flowVersion: 2 } })).toBe(0);

    const done = await migrateCases(campaign.deps, { ...base, mapping, dryRun: false });
    expect(done.migrated).toBe(2);
    const cases = await campaign.db.prisma.case.findMany({ orderBy: { id: 'asc' } });
    expect(cases.map((c) => [c.flowVersion, c.state, c.deadlineAt?.toISOString()])).toEqual([
      [2, 'identifying', dry.plan[0]?.deadlineAt],
      [2, 'verifying', dry.plan[1]?.deadlineAt],
    ]);
    expect(await campaign.db.prisma.auditEvent.count({ where: { action: 'case.migrated' } })).toBe(2);
    // The migrated case runs on v2's machine.
    const next = await sendCaseEvent(campaign.deps, {
      caseId: campaign.caseIds[0]!,
      type: 'CLASSIFIED',
      form: { causes: ['收入低'], tier: '相对困难' },
      operator: campaign.people.officer,
      source: 'card',
      now: at('2025-10-09 10:00'),
    });
    expect(next).toMatchObject({ ok: true, fromState: 'identifying', toState: 'planning' });
  });
});

describe('bulk operations', () => {
  it('extends the deadlines of a region’s cases by N workdays in one audited operation, re-planning their timers', async () => {
    campaign = await createCampaign({ households: 3, openedAt: at('2025-09-26 15:30') });
    const county = await campaign.db.prisma.region.findFirstOrThrow({ where: { name: '麒麟区' } });
    const r = await extendDeadlines(campaign.deps, {
      regionId: county.parentId!,
      workdays: 5,
      reason: '汛期',
      actor: 'admin',
      now: at('2025-10-10 09:00'),
    });
    expect(r.extended).toBe(3);
    const c = await campaign.db.prisma.case.findFirstOrThrow();
    expect(c.deadlineAt?.toISOString()).toBe(at('2025-10-24 00:00').toISOString()); // end of 10-16 + 5 workdays = end of 10-23
    const deadlineTimers = await campaign.db.prisma.timer.findMany({ where: { caseId: c.id, kind: 'deadline' }, orderBy: { id: 'asc' } });
    expect(deadlineTimers.map((t) => [t.status, t.dueAt.toISOString()])).toEqual([
      ['cancelled', at('2025-10-17 00:00').toISOString()],
      ['pending', at('2025-10-24 00:00').toISOString()],
    ]);
    const op = await campaign.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'cases.deadlines_extended' } });
    expect(op.after).toMatchObject({ workdays: 5, cases: 3, reason: '汛期' });
  });

  it('reassigns every household of one officer to another', async () => {
    campaign = await createCampaign({ households: 3, openedAt: at('2025-09-26 15:30') });
    const r = await reassignOfficer(campaign.db.prisma, {
      fromPersonId: campaign.people.officer.personId,
      toPersonId: campaign.people.delegate.personId,
      reason: '调岗',
      actor: 'admin',
      now: at('2025-10-10 09:00'),
    });
    expect(r.households).toBe(3);
    expect(await campaign.db.prisma.household.count({ where: { officerId: campaign.people.delegate.personId } })).toBe(3);
    const verified = await sendCaseEvent(campaign.deps, {
      caseId: campaign.caseIds[0]!,
      type: 'VERIFIED',
      form: { persons: 3, causes: ['收入低'], visit_date: '2025-10-09' },
      operator: campaign.people.delegate,
      source: 'card',
      now: at('2025-10-10 10:00'),
    });
    expect(verified.ok).toBe(true);
    expect(await campaign.db.prisma.auditEvent.count({ where: { action: 'household.reassigned' } })).toBe(3);
  });
});
