import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/app/build-report.ts';
import { causes } from '../../src/core/households/causes.ts';
import { parseReportRequest } from '../../src/core/reports/parse-report-request.ts';
import { qujingHouseholds, seedQujing } from '../fixtures/qujing.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

let db: TempDb;

beforeAll(async () => {
  db = await createTempDb();
  await seedQujing(db.prisma);
});
afterAll(async () => db.cleanup());

const at = '2020-03-31';
const onFile = qujingHouseholds.filter((h) => h.filedOn <= at && (h.closedOn === null || h.closedOn > at));
const report = (options: Record<string, string>) =>
  buildReport({ db: db.prisma, timezone: 'Asia/Shanghai' }, parseReportRequest({ at, region: '曲靖市', ...options }, '2026-11-22'));

describe('report by cause', () => {
  it('counts a household under each of its causes and once in the total', async () => {
    const r = await report({ by: 'cause' });
    expect(r.rows.map((row) => row.labels[0])).toEqual(causes.map((c) => c.name));
    for (const c of causes) {
      const matching = onFile.filter((h) => (h.causeMask & c.bit) !== 0);
      const row = r.rows.find((x) => x.labels[0] === c.name);
      expect(row?.at, c.name).toEqual({ households: matching.length, persons: matching.reduce((s, h) => s + h.persons, 0) });
    }
    expect(r.total.at).toEqual({ households: 908, persons: 2789 });
    expect(r.rows.reduce((s, row) => s + row.at.households, 0)).toBeGreaterThan(908);
    expect(r.notes[0]).toContain('合计按户计，每户只计一次');
  });

  it('shows the four main causes ahead of every other cause, as in Qujing', async () => {
    const r = await report({ by: 'cause' });
    const ranked = [...r.rows].sort((a, b) => b.at.households - a.at.households).map((row) => row.labels[0]);
    expect(ranked.slice(0, 4).sort()).toEqual(['下岗失业', '子女上学', '收入低', '本人或供养直系亲属大病'].sort());
    // The fixture's 735 remaining national and provincial files cite almost only those four.
    const remaining = onFile.filter((h) => h.archiveLevel === '全国级' || h.archiveLevel === '省级');
    expect(remaining).toHaveLength(735);
    const onlyMainFour = remaining.filter((h) => (h.causeMask & ~0b1111) === 0);
    expect(onlyMainFour.length / remaining.length).toBeGreaterThan(0.9);
  });

  it('adds a row for files without a cause only when there are some', async () => {
    const r = await report({ by: 'cause' });
    expect(r.rows.some((row) => row.labels[0] === '未填写原因')).toBe(false);
  });
});

describe('report by tier', () => {
  it('shows 深度困难, 相对困难, 意外致困 and 未分类, summing to the total', async () => {
    const r = await report({ by: 'tier' });
    expect(r.rows.map((row) => row.labels[0])).toEqual(['深度困难', '相对困难', '意外致困', '未分类']);
    expect(r.rows[3]?.at.households).toBe(onFile.filter((h) => h.tier === null).length);
    expect(r.rows.reduce((s, row) => s + row.at.households, 0)).toBe(908);
    expect(r.total.at).toEqual({ households: 908, persons: 2789 });
  });
});
