import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/app/build-report.ts';
import { parseReportRequest } from '../../src/core/reports/parse-report-request.ts';
import { formatReportTable } from '../../src/files/format-report-table.ts';
import { qujingHouseholds, seedQujing } from '../fixtures/qujing.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

const today = '2026-11-22';
let db: TempDb;

beforeAll(async () => {
  db = await createTempDb();
  await seedQujing(db.prisma);
});
afterAll(async () => db.cleanup());

const report = (options: Record<string, string>) =>
  buildReport({ db: db.prisma, timezone: 'Asia/Shanghai' }, parseReportRequest({ region: '曲靖市', ...options }, today));

const figures = (r: Awaited<ReturnType<typeof report>>) => r.rows.map((row) => [row.labels[0], row.at.households, row.at.persons]);

describe('report by archive level', () => {
  it('reproduces the Qujing figures at the end of March 2020', async () => {
    const r = await report({ at: '2020-03-31' });
    expect(r.title).toBe('曲靖市 困难职工档案 截至 2020-03-31（按档案级别）');
    expect(figures(r)).toEqual([
      ['全国级', 688, 2155],
      ['省级', 47, 155],
      ['地市级', 87, 193],
      ['区县级', 86, 286],
    ]);
    expect(r.total.labels).toEqual(['合计']);
    expect(r.total.at).toEqual({ households: 908, persons: 2789 });
  });

  it('counts 4,819 households and 13,311 persons at the start of filing in March 2017', async () => {
    const r = await report({ at: '2017-03-31' });
    expect(r.total.at).toEqual({ households: 4819, persons: 13311 });
  });

  it('shows the change since March 2017 and the files opened and closed in between', async () => {
    const r = await report({ at: '2020-03-31', since: '2017-03-31' });
    expect(r.title).toBe('曲靖市 困难职工档案 截至 2020-03-31（按档案级别，与 2017-03-31 比较）');
    expect(r.total.since).toEqual({ households: 4819, persons: 13311 });
    expect(r.total.change).toEqual({ households: -3911, persons: -10522 });
    expect(r.rows[0]?.since).toEqual({ households: 4600, persons: 12675 });
    expect(r.notes).toEqual([
      '新建档（2017-04-01 至 2020-03-31）：232 户，669 人',
      '销档（2017-04-01 至 2020-03-31）：4,143 户，11,191 人；按原因：脱困 4,128 户、退休 7 户、迁出 5 户、死亡 3 户；按档案级别：全国级 4,084 户、省级 38 户、地市级 8 户、区县级 13 户',
    ]);
  });

  it('shows all four levels even when some have no households', async () => {
    const r = await report({ at: '2017-03-05' });
    expect(r.rows.map((row) => row.labels[0])).toEqual(['全国级', '省级', '地市级', '区县级']);
    const r2 = await report({ at: '2000-01-01' });
    expect(r2.rows.every((row) => row.at.households === 0)).toBe(true);
    expect(r2.total.at).toEqual({ households: 0, persons: 0 });
  });

  it('agrees with a household-by-household count of the fixture at every boundary date', async () => {
    for (const at of ['2017-03-30', '2017-03-31', '2017-04-01', '2019-06-30', '2020-03-31', '2020-04-01', '2020-12-31']) {
      const onFile = qujingHouseholds.filter((h) => h.filedOn <= at && (h.closedOn === null || h.closedOn > at));
      const r = await report({ at });
      expect(r.total.at, at).toEqual({ households: onFile.length, persons: onFile.reduce((s, h) => s + h.persons, 0) });
    }
  });

  it('prints a table with Chinese headers, thousands separators and signed changes', async () => {
    const text = formatReportTable(await report({ at: '2020-03-31', since: '2017-03-31' }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('曲靖市 困难职工档案 截至 2020-03-31（按档案级别，与 2017-03-31 比较）');
    expect(text).toContain('户数（2017-03-31）');
    expect(text).toContain('户数变化');
    expect(text).toMatch(/合计\s*│\s*4,819\s*│\s*13,311\s*│\s*908\s*│\s*2,789\s*│\s*-3,911\s*│\s*-10,522/);
    expect(text).toContain('全国级 4,084 户');
  });
});
