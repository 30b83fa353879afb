import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHouseholds, householdHeaders } from '../../src/demo/generate-households.ts';
import { generateRoster } from '../../src/demo/generate-roster.ts';
import { rosterHeaders, toRosterRows } from '../../src/demo/roster-format.ts';
import { csvLine } from '../../src/demo/write-csv.ts';
import { writeDemoFiles } from '../../src/demo/write-demo-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'huhuqing-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const today = '2025-06-01';
const count = 2_000;
const expectedRows = () =>
  [...generateHouseholds({ count, seed: 5, roster: generateRoster({ seed: 5 }), today })].map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
  );
const readCsv = (text: string): Record<string, string>[] => parse(text, { columns: true, bom: true });

describe('writeDemoFiles', () => {
  it('writes GB18030 CSV that decodes back to the same rows, with CRLF line ends and no BOM', async () => {
    const out = join(dir, 'gb');
    const files = await writeDemoFiles({ dir: out, households: count, seed: 5, today, encoding: 'gb18030' });
    expect(files.households).toMatchObject({ path: join(out, 'households.csv'), rows: count });
    const bytes = readFileSync(files.households.path);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const text = iconv.decode(bytes, 'gb18030');
    expect(text.split('\r\n')[0]).toBe(householdHeaders.join(','));
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(readCsv(text)).toEqual(expectedRows());
    const roster = readCsv(iconv.decode(readFileSync(files.roster.path), 'gb18030'));
    expect(roster).toEqual(toRosterRows(generateRoster({ seed: 5 })));
  });

  it('writes UTF-8 CSV with a BOM by default, quoting cells that hold commas', async () => {
    const files = await writeDemoFiles({ dir: join(dir, 'utf8'), households: count, seed: 5, today });
    const bytes = readFileSync(files.households.path);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const text = bytes.toString('utf8');
    expect(text).toMatch(/"[^"\r\n]*,[^"\r\n]*"/);
    expect(readCsv(text)).toEqual(expectedRows());
  });

  it('quotes CSV cells with quotes, separators, line breaks or surrounding spaces', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', ' padded', 3, null])).toBe('a,"b,c","say ""hi""","two\nlines"," padded",3,\r\n');
  });

  it('writes xlsx with the header row, text ID numbers and real dates in 建档日期 and 脱困时限', async () => {
    const files = await writeDemoFiles({ dir: join(dir, 'xlsx'), households: count, seed: 5, today, format: 'xlsx' });
    expect(files.households.path.endsWith('households.xlsx')).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files.households.path);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no worksheet');
    expect(sheet.rowCount).toBe(count + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...householdHeaders]);
    const expected = expectedRows();
    for (const rowNumber of [2, 3, 500, count + 1]) {
      const row = sheet.getRow(rowNumber);
      const want = expected[rowNumber - 2] ?? {};
      const cell = (h: string) => row.getCell(householdHeaders.indexOf(h as never) + 1);
      expect(cell('档案编号').value).toBe(want.档案编号);
      expect(cell('身份证号').value).toBe(want.身份证号);
      expect(cell('家庭人口').value).toBe(Number(want.家庭人口));
      for (const h of ['建档日期', '脱困时限']) {
        const value = cell(h).value;
        expect(value).toBeInstanceOf(Date);
        expect((value as Date).toISOString()).toBe(`${want[h]}T00:00:00.000Z`);
        expect(cell(h).numFmt).toBe('yyyy-mm-dd');
      }
    }
    const rosterBook = new ExcelJS.Workbook();
    await rosterBook.xlsx.readFile(files.roster.path);
    const rosterSheet = rosterBook.worksheets[0];
    expect((rosterSheet?.getRow(1).values as unknown[]).slice(1)).toEqual([...rosterHeaders]);
    expect(rosterSheet?.rowCount).toBe(toRosterRows(generateRoster({ seed: 5 })).length + 1);
  });
});
