import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/app/build-report.ts';
import { parseReportRequest } from '../../src/core/reports/parse-report-request.ts';
import { qujingHouseholds, seedQujing } from '../fixtures/qujing.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

const today = '2026-11-22';
let db: TempDb;

const flow = {
  id: 'huhuqing',
  version: 1,
  initial: 'verifying',
  states: {
    verifying: { meta: { title: '入户核实' }, on: { VERIFIED: 'planning' } },
    planning: { meta: { title: '精准施措' }, on: { PLANNED: 'implementing' } },
    implementing: { meta: { title: '落实帮扶' }, on: { RELIEVED: 'closed' } },
    closed: { meta: { title: '脱困销档' }, type: 'final' },
  },
};

type Transition = [at: string, from: string | null, to: string | null, action?: string];

// Four open national files at both dates; each case's audit trail is chosen to test one rule.
const cases: Array<{ createdAt: string; state: string; trail: Transition[] }> = [
  // moved on after the report date: planning at 2020-03-31, implementing now
  {
    createdAt: '2020-01-05T02:00:00Z',
    state: 'implementing',
    trail: [
      ['2020-01-05T02:00:00Z', null, 'verifying', 'case.opened'],
      ['2020-03-10T03:00:00Z', 'verifying', 'planning'],
      ['2020-04-20T03:00:00Z', 'planning', 'implementing'],
    ],
  },
  // one second before and exactly at midnight in Shanghai: the first counts for 2020-03-31, the second does not
  {
    createdAt: '2020-02-01T01:00:00Z',
    state: 'implementing',
    trail: [
      ['2020-02-01T01:00:00Z', null, 'verifying', 'case.opened'],
      ['2020-03-31T15:59:59Z', 'verifying', 'planning'],
      ['2020-03-31T16:00:00Z', 'planning', 'implementing'],
    ],
  },
  // opened after the report date: 未立案 then
  { createdAt: '2020-05-01T01:00:00Z', state: 'verifying', trail: [['2020-05-01T01:00:00Z', null, 'verifying', 'case.opened']] },
  // opened before without a recorded opening; its first transition after the date tells where it was
  {
    createdAt: '2020-02-15T01:00:00Z',
    state: 'planning',
    trail: [
      ['2020-03-20T01:00:00Z', null, null, 'reminder.sent'],
      ['2020-04-02T01:00:00Z', 'verifying', 'planning'],
    ],
  },
];

const openAtBoth = qujingHouseholds
  .filter((h) => h.group === 'A' && h.archiveLevel === '全国级' && h.closedOn === null)
  .slice(0, cases.length);

beforeAll(async () => {
  db = await createTempDb();
  const regionIds = await seedQujing(db.prisma);
  await db.prisma.flowVersion.create({ data: { flowId: 'huhuqing', version: 1, definition: flow, checksum: 'test' } });
  for (const [i, c] of cases.entries()) {
    const h = await db.prisma.household.findUniqueOrThrow({ where: { archiveNo: openAtBoth[i]?.archiveNo ?? '' } });
    const created = await db.prisma.case.create({
      data: {
        householdId: h.id,
        campaign: '2020',
        flowId: 'huhuqing',
        flowVersion: 1,
        snapshot: { value: c.state },
        state: c.state,
        regionId: regionIds.get('530302') ?? 0,
        stateEnteredAt: new Date(c.trail.at(-1)?.[0] ?? c.createdAt),
        createdAt: new Date(c.createdAt),
      },
    });
    await db.prisma.auditEvent.createMany({
      data: c.trail.map(([at, fromState, toState, action]) => ({
        at: new Date(at),
        actor: 'person:1',
        source: 'card',
        action: action ?? 'case.transition',
        caseId: created.id,
        householdId: h.id,
        fromState,
        toState,
      })),
    });
  }
});
afterAll(async () => db.cleanup());

const report = (options: Record<string, string>, timezone = 'Asia/Shanghai') =>
  buildReport({ db: db.prisma, timezone }, parseReportRequest({ by: 'state', region: '曲靖市', ...options }, today));
const rows = (r: Awaited<ReturnType<typeof report>>) => r.rows.map((row) => [row.labels[0], row.at.households]);

describe('report by workflow state', () => {
  it('replays each case to its last transition before the end of the report date', async () => {
    const r = await report({ at: '2020-03-31' });
    expect(rows(r)).toEqual([
      ['入户核实', 1],
      ['精准施措', 2],
      ['未立案', 905],
    ]);
    expect(r.total.at).toEqual({ households: 908, persons: 2789 });
    expect(r.notes[0]).toContain('2020-03-31 日终（Asia/Shanghai）');
  });

  it('ends the day in the configured time zone', async () => {
    const r = await report({ at: '2020-03-31' }, 'UTC');
    expect(rows(r)).toEqual([
      ['入户核实', 1],
      ['精准施措', 1],
      ['落实帮扶', 1],
      ['未立案', 905],
    ]);
  });

  it('reads the current state of each case for today', async () => {
    const r = await report({});
    const onFileToday = qujingHouseholds.filter((h) => h.filedOn <= today && (h.closedOn === null || h.closedOn > today)).length;
    expect(rows(r)).toEqual([
      ['入户核实', 1],
      ['精准施措', 1],
      ['落实帮扶', 2],
      ['未立案', onFileToday - 4],
    ]);
    expect(r.notes[0]).toBe('注：办理状态为当前状态；未立案指没有办理记录的档案。');
  });

  it('compares the states at two dates', async () => {
    const r = await report({ at: '2020-04-30', since: '2020-03-31' });
    const planning = r.rows.find((row) => row.labels[0] === '精准施措');
    expect(planning?.since?.households).toBe(2);
    expect(planning?.at.households).toBe(1);
    expect(planning?.change?.households).toBe(-1);
  });

  it('shows a state no published flow names by its id', async () => {
    const h = await db.prisma.household.findUniqueOrThrow({ where: { archiveNo: openAtBoth[0]?.archiveNo ?? '' } });
    const legacy = await db.prisma.case.create({
      data: {
        householdId: h.id,
        campaign: '2026',
        flowId: 'old',
        flowVersion: 1,
        snapshot: {},
        state: 'legacy_review',
        regionId: h.regionId,
        stateEnteredAt: new Date('2026-01-01T00:00:00Z'),
        createdAt: new Date('2026-01-01T00:00:00Z'),
      },
    });
    try {
      const r = await report({});
      expect(r.rows.map((row) => row.labels[0])).toContain('legacy_review');
      expect(r.rows.find((row) => row.labels[0] === '落实帮扶')?.at.households).toBe(1); // the household's newer case counts
    } finally {
      await db.prisma.case.delete({ where: { id: legacy.id } });
    }
  });
});
