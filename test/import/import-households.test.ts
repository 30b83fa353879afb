import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRejectsCsv } from '../../src/files/write-rejects-csv.ts';
import { openTableFile } from '../../src/files/open-table-file.ts';
import { runImport, seedOfficer } from '../helpers/import-fixture.ts';
import { householdHeader, householdRow, validId, writeCsv, writeXlsx } from '../helpers/table-files.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

let db: TempDb;
let dir: string;
beforeEach(async () => {
  db = await createTempDb();
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-import-'));
  await seedOfficer(db, { name: '王芳', mobile: '13900000001' });
});
afterEach(async () => db.cleanup());

const rows = (n: number, over: (i: number) => Partial<Record<string, unknown>> = () => ({})) =>
  Array.from({ length: n }, (_, i) => householdRow(i + 1, over(i + 1)));

describe('household import', () => {
  it('imports a UTF-8 CSV with BOM and creates regions from the national division list', async () => {
    const file = writeCsv(dir, 'h.csv', [householdHeader, ...rows(3)]);
    const r = await runImport(db, file);
    expect(r).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 0, regionsAdded: 3 });
    const h = await db.prisma.household.findUniqueOrThrow({
      where: { archiveNo: 'QJ-00001' },
      include: { region: { include: { parent: { include: { parent: true } } } }, officer: true },
    });
    expect(h).toMatchObject({
      archiveLevel: '全国级',
      persons: 3,
      causes: '收入低、子女上学',
      tier: '相对困难',
      deadline: '2027-06-30',
      filedOn: '2026-11-20',
      phone: '13812345678',
    });
    expect(h.region.code).toBe('530302');
    expect(h.region.parent?.name).toBe('曲靖市');
    expect(h.region.parent?.parent?.name).toBe('云南省');
    expect(h.region.path).toBe(`/${h.region.parent?.parent?.id}/${h.region.parent?.id}/${h.region.id}/`);
    expect(h.officer?.name).toBe('王芳');
  });

  it('reads GB18030 CSV with CRLF and UTF-8 without BOM with LF alike', async () => {
    const gbk = writeCsv(dir, 'gbk.csv', [householdHeader, ...rows(2)], { encoding: 'gb18030', eol: '\r\n' });
    expect(readFileSync(gbk).includes(Buffer.from('档案编号', 'utf8'))).toBe(false);
    expect(readFileSync(gbk).includes(iconv.encode('档案编号', 'gb18030'))).toBe(true);
    expect((await runImport(db, gbk)).created).toBe(2);
    const plain = writeCsv(dir, 'plain.csv', [householdHeader, ...rows(2)], { encoding: 'utf8', eol: '\n' });
    expect(await runImport(db, plain)).toMatchObject({ created: 0, unchanged: 2 });
    const h = await db.prisma.household.findUniqueOrThrow({ where: { archiveNo: 'QJ-00002' } });
    expect(h.headName).toBe('杨小华');
  });

  it('accepts English headers in any order and ignores unknown columns with a warning', async () => {
    const header = ['persons', 'archive_no', '備註', 'archive_level', 'province', 'city', 'county', 'head_name', 'id_number', 'causes'];
    const file = writeCsv(dir, 'en.csv', [
      header,
      [2, 'EN-1', '无', '省级', '云南', '曲靖', '沾益', '李明', validId('530303'), '下岗失业'],
    ]);
    const r = await runImport(db, file);
    expect(r.created).toBe(1);
    expect(r.warnings.join()).toContain('備註');
    const h = await db.prisma.household.findUniqueOrThrow({ where: { archiveNo: 'EN-1' }, include: { region: true } });
    expect(h.region.name).toBe('沾益区');
    expect(h.officerId).toBeNull();
  });

  it('refuses a file whose header misses required columns, naming them', async () => {
    const file = writeCsv(dir, 'bad-header.csv', [
      ['档案编号', '户主姓名'],
      ['A1', '张三'],
    ]);
    await expect(runImport(db, file)).rejects.toThrow(/缺少必填列：档案级别.*身份证号/);
    expect(await db.prisma.household.count()).toBe(0);
  });

  it('re-importing updates changed rows, leaves the rest, and audits the change without personal data', async () => {
    const file = writeCsv(dir, 'a.csv', [householdHeader, ...rows(3)]);
    await runImport(db, file);
    const changed = writeCsv(dir, 'b.csv', [householdHeader, ...rows(3, (i) => (i === 2 ? { 家庭人口: 5, 联系电话: '13700000000' } : {}))]);
    const r = await runImport(db, changed);
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await db.prisma.household.count()).toBe(3);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'household.updated' } });
    expect(audit.before).toEqual({ persons: 3, phone: '（已变更）' });
    expect(audit.after).toEqual({ persons: 5, phone: '（已变更）' });
    expect(JSON.stringify(audit)).not.toContain('13700000000');
    expect(await db.prisma.auditEvent.count({ where: { action: 'households.imported' } })).toBe(2);
  });

  it('keeps the stored filing date when the file has no 建档日期 column', async () => {
    const file = writeCsv(dir, 'a.csv', [householdHeader, ...rows(1)]);
    await runImport(db, file);
    const r = await runImport(db, file, { today: '2027-01-05', now: new Date('2027-01-05T01:00:00Z') });
    expect(r.unchanged).toBe(1);
    expect((await db.prisma.household.findUniqueOrThrow({ where: { archiveNo: 'QJ-00001' } })).filedOn).toBe('2026-11-20');
  });

  it('rejects bad rows with their spreadsheet row number and reason, imports the good ones, and writes a fixable CSV', async () => {
    const file = writeCsv(dir, 'mixed.csv', [
      householdHeader,
      householdRow(1),
      householdRow(2, { 家庭人口: 0, 身份证号: '530302198001011230' }),
      householdRow(3, { 档案级别: '乡级' }),
      householdRow(1, { 户主姓名: '重复户' }),
      householdRow(5, { 县区: '麒麟去' }),
    ]);
    const rejects = writeRejectsCsv(path.join(dir, 'mixed.rejected.csv'));
    const r = await runImport(db, file, { rejects });
    expect(await rejects.close()).toBe(4);
    expect(r).toMatchObject({ created: 1, rejected: 4 });
    const byRow = new Map(r.rejects.map((x) => [x.rowNumber, x.reasons.join('；')]));
    expect(byRow.get(3)).toMatch(/家庭人口「0」/);
    expect(byRow.get(3)).toMatch(/身份证号（尾号 1230）校验位/);
    expect(byRow.get(3)).not.toContain('530302198001011230');
    expect(byRow.get(4)).toMatch(/档案级别「乡级」/);
    expect(byRow.get(5)).toMatch(/与第 2 行重复/);
    expect(byRow.get(6)).toMatch(/县区「麒麟去」不在曲靖市下的行政区划中.*麒麟区/);
    const csv = readFileSync(path.join(dir, 'mixed.rejected.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF档案编号,')).toBe(true);
    expect(csv.split('\r\n')[0]).toContain('行号,错误原因');

    // The admin fixes the rejected file and imports it as it is.
    const fixed = writeCsv(dir, 'fixed.csv', [
      [...householdHeader, '行号', '错误原因'],
      [...householdRow(2), 3, '已修正'],
      [...householdRow(3), 4, '已修正'],
      [...householdRow(5), 6, '已修正'],
    ]);
    const again = await runImport(db, fixed);
    expect(again).toMatchObject({ created: 3, rejected: 0 });
    expect(again.warnings.join()).toContain('错误原因');
  });

  it('--strict imports nothing when any row is bad, and everything when all are good', async () => {
    const bad = writeCsv(dir, 'bad.csv', [householdHeader, ...rows(3), householdRow(9, { 家庭人口: 'abc' })]);
    const r = await runImport(db, bad, { strict: true });
    expect(r).toMatchObject({ aborted: true, rejected: 1, created: 3 });
    expect(await db.prisma.household.count()).toBe(0);
    expect(await db.prisma.region.count()).toBe(0);
    const good = writeCsv(dir, 'good.csv', [householdHeader, ...rows(3)]);
    expect(await runImport(db, good, { strict: true })).toMatchObject({ aborted: false, created: 3 });
    expect(await db.prisma.household.count()).toBe(3);
  });

  it('--dry-run reports what would happen and writes nothing', async () => {
    await runImport(db, writeCsv(dir, 'a.csv', [householdHeader, ...rows(2)]));
    const before = { h: await db.prisma.household.count(), a: await db.prisma.auditEvent.count(), p: await db.prisma.person.count() };
    const next = writeCsv(dir, 'b.csv', [
      householdHeader,
      ...rows(4, (i) => (i === 1 ? { 家庭人口: 6 } : i === 4 ? { 责任人: 'new.officer@example.com', 县区: '马龙区' } : {})),
    ]);
    const r = await runImport(db, next, { dryRun: true });
    expect(r).toMatchObject({ dryRun: true, created: 2, updated: 1, unchanged: 1, peopleAdded: 1, regionsAdded: 1 });
    expect({ h: await db.prisma.household.count(), a: await db.prisma.auditEvent.count(), p: await db.prisma.person.count() }).toEqual(
      before,
    );
    expect(await db.prisma.region.count({ where: { name: '马龙区' } })).toBe(0);
  });

  it('resolves officers by name, mobile, email and open_id; adds unknown mobiles and emails; refuses unknown and ambiguous names', async () => {
    await seedOfficer(db, { name: '李强', email: 'liqiang@example.com', openId: 'ou_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    await seedOfficer(db, { name: '张伟', mobile: '13900000002' });
    await seedOfficer(db, { name: '张伟', mobile: '13900000003' });
    const file = writeCsv(dir, 'o.csv', [
      householdHeader,
      householdRow(1, { 责任人: '王芳' }),
      householdRow(2, { 责任人: 'LiQiang@Example.com' }),
      householdRow(3, { 责任人: 'ou_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }),
      householdRow(4, { 责任人: '13600000009' }),
      householdRow(5, { 责任人: '13600000009' }),
      householdRow(6, { 责任人: '张伟' }),
      householdRow(7, { 责任人: '赵六' }),
    ]);
    const r = await runImport(db, file);
    expect(r).toMatchObject({ created: 5, rejected: 2, peopleAdded: 1 });
    expect(r.rejects.map((x) => x.reasons[0])).toEqual([expect.stringMatching(/张伟.*2 人同名/), expect.stringMatching(/赵六.*不在名册/)]);
    const added = await db.prisma.person.findUniqueOrThrow({ where: { mobile: '13600000009' } });
    expect(added.name).toBe('待确认（136****0009）');
    expect(added.openId).toBeNull();
    expect(await db.prisma.household.count({ where: { officerId: added.id } })).toBe(2);
  });

  it('imports an .xlsx with date cells, Excel serial numbers, formulas and full-width digits', async () => {
    const file = await writeXlsx(
      dir,
      'h.xlsx',
      [
        householdHeader,
        householdRow(1, { 脱困时限: new Date(Date.UTC(2027, 5, 30)) }),
        householdRow(2, { 脱困时限: 46568, 家庭人口: '４', 身份证号: validId('530302', '19800101', 2).toLowerCase() }),
        householdRow(3, { 脱困时限: '2027年6月30日', 家庭人口: { formula: '1+2', result: 3 } }),
      ],
      (sheet) => {
        sheet.getColumn(14).numFmt = 'yyyy-mm-dd';
      },
    );
    const r = await runImport(db, file);
    expect(r).toMatchObject({ created: 3, rejected: 0 });
    const all = await db.prisma.household.findMany({ orderBy: { archiveNo: 'asc' } });
    expect(all.map((h) => h.deadline)).toEqual(['2027-06-30', '2027-06-30', '2027-06-30']);
    expect(all.map((h) => h.persons)).toEqual([3, 4, 3]);
    expect(all[1]?.idNumber.endsWith('X') || /\d$/.test(all[1]?.idNumber ?? '')).toBe(true);
  });

  it('reports xlsx bad rows with the row number Excel shows, skipping blank rows', async () => {
    const file = await writeXlsx(dir, 'gaps.xlsx', [householdHeader, householdRow(1), [], householdRow(3, { 身份证号: '123' })]);
    const r = await runImport(db, file);
    expect(r).toMatchObject({ created: 1, rejected: 1, blankRows: 1 });
    expect(r.rejects[0]?.rowNumber).toBe(4);
  });

  it('refuses legacy .xls and unknown files with what to do', async () => {
    await expect(openTableFile(path.join(dir, 'old.xls'))).rejects.toThrow(/找不到文件/);
    writeCsv(dir, 'old.xls', [['x']]);
    await expect(openTableFile(path.join(dir, 'old.xls'))).rejects.toThrow(/另存为.*\.xlsx/);
    expect(existsSync(path.join(dir, 'old.xls'))).toBe(true);
  });
});

describe('large xlsx files', () => {
  it('keeps Chinese text intact across the reader’s chunk boundaries (patched exceljs parse-sax)', async () => {
    const { writeDemoFiles } = await import('../../src/demo/write-demo-files.ts');
    const files = await writeDemoFiles({ dir, households: 3000, seed: 7, today: '2026-11-20', format: 'xlsx' });
    const src = await openTableFile(files.households.path);
    let rowsSeen = 0;
    const broken: string[] = [];
    for await (const row of src.rows()) {
      rowsSeen++;
      for (const v of row.values) if (typeof v === 'string' && v.includes('\uFFFD')) broken.push(`${row.rowNumber}:${v}`);
    }
    expect(rowsSeen).toBe(3001);
    expect(broken).toEqual([]);
  });
});
