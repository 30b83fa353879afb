import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/app/build-report.ts';
import { parseReportRequest } from '../../src/core/reports/parse-report-request.ts';
import { formatReportCsv } from '../../src/files/format-report-csv.ts';
import { writeReportXlsx } from '../../src/files/write-report-xlsx.ts';
import { seedQujing } from '../fixtures/qujing.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

let db: TempDb;
let dir: string;

beforeAll(async () => {
  db = await createTempDb();
  await seedQujing(db.prisma);
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-report-'));
});
afterAll(async () => {
  await db.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const report = (options: Record<string, string>) =>
  buildReport(
    { db: db.prisma, timezone: 'Asia/Shanghai' },
    parseReportRequest({ at: '2020-03-31', region: '曲靖市', ...options }, '2026-11-22'),
  );

describe('report as CSV', () => {
  it('starts with a UTF-8 BOM and a Chinese header, with plain numbers and CRLF lines', async () => {
    const bytes = Buffer.from(formatReportCsv(await report({})), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')).toEqual([
      '档案级别,户数,人数',
      '全国级,688,2155',
      '省级,47,155',
      '地市级,87,193',
      '区县级,86,286',
      '合计,908,2789',
      '',
    ]);
  });

  it('has columns for both dates and the signed change in a comparison', async () => {
    const text = formatReportCsv(await report({ since: '2017-03-31' }));
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('档案级别,户数（2017-03-31）,人数（2017-03-31）,户数（2020-03-31）,人数（2020-03-31）,户数变化,人数变化');
    expect(lines[5]).toBe('合计,4819,13311,908,2789,-3911,-10522');
  });
});

describe('report as xlsx', () => {
  it('writes one sheet with a title, a bold header and a bold 合计 row, numbers formatted', async () => {
    const file = path.join(dir, 'level.xlsx');
    await writeReportXlsx(await report({ since: '2017-03-31' }), file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('按档案级别');
    expect(sheet.getCell('A1').value).toBe('曲靖市 困难职工档案 截至 2020-03-31（按档案级别，与 2017-03-31 比较）');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(2)).toEqual([
      '档案级别',
      '户数（2017-03-31）',
      '人数（2017-03-31）',
      '户数（2020-03-31）',
      '人数（2020-03-31）',
      '户数变化',
      '人数变化',
    ]);
    expect(sheet.getRow(2).font?.bold).toBe(true);
    expect(values(3)).toEqual(['全国级', 4600, 12675, 688, 2155, -3912, -10520]);
    expect(values(7)).toEqual(['合计', 4819, 13311, 908, 2789, -3911, -10522]);
    expect(sheet.getRow(7).font?.bold).toBe(true);
    expect(sheet.getCell('B7').numFmt).toBe('#,##0');
    expect(sheet.getCell('F7').numFmt).toBe('+#,##0;-#,##0;0');
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(8);
    expect(String(sheet.getCell('A9').value)).toMatch(/^新建档/);
    expect(String(sheet.getCell('A10').value)).toMatch(/^销档.*全国级 4,084 户/);
  });
});
