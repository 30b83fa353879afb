// Builds household and roster files as officers' spreadsheets have them: CSV in UTF-8 (with or
// without BOM) or GB18030 with CRLF or LF, and real .xlsx workbooks written by exceljs.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import { headerRow } from '../../src/core/households/columns.ts';
import { idCheckChar } from '../../src/core/households/id-number.ts';

export function validId(region = '530302', birth = '19800101', seq = 123): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

// The import's own header row without 建档日期 (most officers' files have none).
export const householdHeader = headerRow().filter((h) => h !== '建档日期');

export function householdRow(i: number, overrides: Partial<Record<string, unknown>> = {}): unknown[] {
  const base: Record<string, unknown> = {
    档案编号: `QJ-${String(i).padStart(5, '0')}`,
    档案级别: '全国级',
    省: '云南省',
    市: '曲靖市',
    县区: '麒麟区',
    户主姓名: '杨小华',
    身份证号: validId('530302', '19800101', i % 1000),
    家庭人口: 3,
    致困原因: '收入低、子女上学',
    困难类型: '相对困难',
    工作单位: '曲靖市第一煤矿',
    联系电话: '13812345678',
    责任人: '13900000001',
    脱困时限: '2027-06-30',
    ...overrides,
  };
  return householdHeader.map((h) => base[h]);
}

export function writeCsv(
  dir: string,
  name: string,
  rows: unknown[][],
  options: { encoding?: 'utf8' | 'utf8-bom' | 'gb18030'; eol?: '\r\n' | '\n' } = {},
): string {
  const text = stringify(
    rows.map((r) => r.map((v) => (v === undefined || v === null ? '' : String(v)))),
    { record_delimiter: options.eol ?? '\r\n' },
  );
  const encoding = options.encoding ?? 'utf8-bom';
  const bytes =
    encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from((encoding === 'utf8-bom' ? '\uFEFF' : '') + text, 'utf8');
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

export async function writeXlsx(
  dir: string,
  name: string,
  rows: unknown[][],
  decorate?: (sheet: ExcelJS.Worksheet) => void,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('困难职工档案');
  for (const r of rows) sheet.addRow(r);
  decorate?.(sheet);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

export const rosterHeader = ['姓名', '角色', '手机', '邮箱', 'open_id', '省', '市', '县区', '群ID', '群名称', '群用途'];
