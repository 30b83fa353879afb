// fast-check arbitraries of household files as officers' spreadsheets really come: columns dropped,
// repeated, renamed to aliases or English, unknown columns, cells of every exceljs type (numbers,
// dates, booleans, formulas, rich text, errors, hyperlinks), huge cells, merged cells, blank rows,
// short and long rows; CSV in UTF-8, UTF-8 with BOM or GB18030, or .xlsx. Each plan knows, by
// construction, which field every column means and which rows are blank: the property's oracle.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { sometimes } from './property-options.ts';
import { validId } from '../helpers/table-files.ts';

export type Field =
  | 'archive_no'
  | 'archive_level'
  | 'province'
  | 'city'
  | 'county'
  | 'head_name'
  | 'id_number'
  | 'persons'
  | 'causes'
  | 'tier'
  | 'employer'
  | 'phone'
  | 'officer'
  | 'deadline'
  | 'filed_on';

/** Required columns (docs/import-format.md). */
export const requiredFields: readonly Field[] = [
  'archive_no',
  'archive_level',
  'province',
  'city',
  'county',
  'head_name',
  'id_number',
  'persons',
  'causes',
];

/** Ways officers head each column: the Chinese header, the English alias, documented variants and notes. */
const headerVariants: Record<Field, readonly string[]> = {
  archive_no: ['档案编号', 'archive_no', '*档案编号', '档案编号（必填）'],
  archive_level: ['档案级别', 'archive_level', '档案级别（全国级/省级/地市级/区县级）'],
  province: ['省', 'province'],
  city: ['市', 'city'],
  county: ['县区', 'county'],
  head_name: ['户主姓名', 'head_name', '户主姓名 (head_name)'],
  id_number: ['身份证号', 'id_number', '身份证号码'],
  persons: ['家庭人口', 'persons'],
  causes: ['致困原因', 'causes'],
  tier: ['困难类型', 'tier'],
  employer: ['工作单位', 'employer'],
  phone: ['联系电话', 'phone', '手机'],
  officer: ['责任人', 'officer', '帮扶责任人'],
  deadline: ['脱困时限', 'deadline'],
  filed_on: ['建档日期', 'filed_on'],
};

/** Headers that name no field (the importer ignores them). */
const unknownHeaders = ['备注', 'remark', '家庭住址', '序号', '', '联系人2'];

const fields = Object.keys(headerVariants) as Field[];

export type Cell =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'date'; v: Date }
  | { t: 'bool'; v: boolean }
  | { t: 'formula'; formula: string; result?: string | number }
  | { t: 'rich'; runs: string[] }
  | { t: 'error'; v: string }
  | { t: 'link'; text: string }
  | { t: 'huge'; ch: string; n: number }
  | { t: 'blank'; v: '' | ' ' | '\u3000' | '\t' | null };

export interface Column {
  header: string;
  /** The field this header names, or null for an unknown column. */
  field: Field | null;
}

export interface RowPlan {
  blank: boolean;
  /** Cells replaced in the otherwise valid row: [column index (mod width), value]. */
  edits: Array<[number, Cell]>;
  /** Repeat the archive number of an earlier row (index mod rows so far). */
  dupOf: number | null;
  /** Cut the row after this many cells, or pad it with extra cells past the header. */
  length: { kind: 'full' } | { kind: 'short'; keep: number } | { kind: 'long'; extra: Cell[] };
}

export interface FilePlan {
  format: 'xlsx' | 'csv-utf8' | 'csv-utf8-bom' | 'csv-gb18030';
  eol: '\r\n' | '\n';
  columns: Column[];
  rows: RowPlan[];
  /** Merged ranges in data rows (xlsx only): [row index, first column, last column]. */
  merges: Array<[number, number, number]>;
  mode: 'normal' | 'strict' | 'dry-run';
  /** CSV only: tab-separated instead of comma-separated. */
  tabs: boolean;
  /** Damage done to the written bytes; the oracle then only knows the file may be refused. */
  corrupt: Corruption | null;
}

export type Corruption =
  { kind: 'insert'; at: number; bytes: number[] } | { kind: 'truncate'; at: number } | { kind: 'flip'; at: number } | { kind: 'empty' };

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.constantFrom([0x22], [0xff, 0xfe], [0x0d], [0x00], [0xe4, 0xb8], [0x22, 0x2c, 0x22]).map((b) => [...b]),
      fc.array(fc.nat(255), { minLength: 1, maxLength: 8 }),
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat() }),
  fc.constant({ kind: 'empty' as const }),
);

export function corrupt(bytes: Buffer, c: Corruption | null): Buffer {
  if (c === null) return bytes;
  const at = (n: number) => n % Math.max(1, bytes.length);
  switch (c.kind) {
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at(c.at)), Buffer.from(c.bytes), bytes.subarray(at(c.at))]);
    case 'truncate':
      return bytes.subarray(0, at(c.at));
    case 'flip': {
      const copy = Buffer.from(bytes);
      if (copy.length > 0) copy[at(c.at)] = (copy[at(c.at)] as number) ^ 0xff;
      return copy;
    }
    case 'empty':
      return Buffer.alloc(0);
  }
}

// Characters an .xlsx cannot carry in XML (Excel itself escapes them): kept out of xlsx strings.
// eslint-disable-next-line no-control-regex -- the control characters are the point
const xmlUnsafe = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '杨小华',
    '收入低；大病',
    '３',
    '3人',
    '二〇二七年',
    '2027/6/30',
    '20270630',
    '曲靖',
    '麒麟去',
    '\u200b',
    '=1+1',
    'TRUE',
    '"引号"',
    'a,b',
    '第一行\n第二行',
  ),
);

export const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('str' as const), v: text }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('num' as const),
      v: fc.oneof(
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(0, -1, 3.5, 46568, 1e20, 530302198001011200),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('date' as const),
      v: fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('bool' as const), v: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        t: fc.constant('formula' as const),
        formula: fc.constantFrom('1+2', 'SUM(A1:A3)', 'TODAY()', 'A1&B1', '1/0'),
        result: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constantFrom('收入低', '', '2027-06-30')),
      },
      { requiredKeys: ['t', 'formula'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('rich' as const), runs: fc.array(text, { minLength: 1, maxLength: 3 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('error' as const), v: fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?') }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('link' as const), text: fc.constantFrom('杨小华', 'QJ-LINK', 'http://example.com') }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('huge' as const),
      ch: fc.constantFrom('x', '字', '9'),
      n: fc.constantFrom(65, 101, 5000, 40_000),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('blank' as const),
      v: fc.constantFrom('' as const, ' ' as const, '\u3000' as const, '\t' as const, null),
    }),
  },
);

const column: fc.Arbitrary<Column> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...fields), fc.nat())
      .map(([field, i]) => ({ field, header: headerVariants[field][i % headerVariants[field].length] as string })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...unknownHeaders).map((header) => ({ field: null, header })) },
);

/** The canonical columns with a few edits: dropped, repeated, renamed, unknown ones added, shuffled. */
const columns: fc.Arbitrary<Column[]> = fc
  .record({
    drop: fc.oneof(
      { weight: 3, arbitrary: fc.constant<number[]>([]) },
      { weight: 1, arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) },
    ),
    renames: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    add: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.array(
          fc.constantFrom(...unknownHeaders).map((header): Column => ({ field: null, header })),
          { maxLength: 3 },
        ),
      },
      { weight: 1, arbitrary: fc.array(column, { minLength: 1, maxLength: 2 }) },
    ),
    shuffle: fc.boolean(),
    keys: fc.array(fc.double(), { minLength: 20, maxLength: 20 }),
    withFiledOn: fc.boolean(),
  })
  .map(({ drop, renames, add, shuffle, keys, withFiledOn }) => {
    let cols: Column[] = fields
      .filter((f) => f !== 'filed_on' || withFiledOn)
      .map((field) => ({ field, header: headerVariants[field][0] as string }));
    for (const [i, v] of renames) {
      const c = cols[i % cols.length] as Column;
      if (c.field) c.header = headerVariants[c.field][v % headerVariants[c.field].length] as string;
    }
    for (const d of drop) if (cols.length > 1) cols = cols.filter((_, i) => i !== d % cols.length);
    cols = [...cols, ...add];
    if (shuffle)
      cols = cols
        .map((c, i) => ({ c, k: keys[i % keys.length] as number }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.c);
    return cols;
  });

const rowPlan: fc.Arbitrary<Omit<RowPlan, 'blank'>> = fc.record({
  edits: fc.oneof(
    { weight: 1, arbitrary: fc.constant<Array<[number, Cell]>>([]) },
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.nat(), cell), { minLength: 1, maxLength: 3 }) },
  ),
  dupOf: sometimes(fc.nat(), 10),
  length: fc.oneof(
    { weight: 8, arbitrary: fc.constant({ kind: 'full' as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('short' as const), keep: fc.nat(15) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('long' as const), extra: fc.array(cell, { minLength: 1, maxLength: 3 }) }) },
  ),
});

export const filePlan: fc.Arbitrary<FilePlan> = fc
  .record({
    format: fc.constantFrom('xlsx', 'csv-utf8', 'csv-utf8-bom', 'csv-gb18030') as fc.Arbitrary<FilePlan['format']>,
    eol: fc.constantFrom('\r\n', '\n') as fc.Arbitrary<FilePlan['eol']>,
    columns: fc.oneof({ weight: 9, arbitrary: columns }, { weight: 1, arbitrary: fc.array(column, { minLength: 1, maxLength: 18 }) }),
    rows: fc.array(
      fc.record({ plan: rowPlan, blank: fc.integer({ min: 0, max: 7 }) }).map(({ plan, blank }) => ({ ...plan, blank: blank === 0 })),
      { maxLength: 10 },
    ),
    merges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 3 })), { maxLength: 2 }),
    mode: fc.constantFrom('normal', 'normal', 'normal', 'strict', 'dry-run') as fc.Arbitrary<FilePlan['mode']>,
    tabs: fc.boolean(),
    corrupt: sometimes(corruption, 15),
  })
  .map((p) => ({
    ...p,
    // At most one merge per row: exceljs refuses overlapping merges.
    merges:
      p.format === 'xlsx' && p.rows.length > 0
        ? p.merges
            .map(([r, c, span]): [number, number, number] => [r % p.rows.length, c % 15, (c % 15) + span])
            .filter(([r], i, all) => all.findIndex(([other]) => other === r) === i)
        : [],
  }));

/** A valid value for each field of row `i` (archive numbers unique per file: `prefix`). */
function baseValue(field: Field, i: number, prefix: string): Cell {
  const str = (v: string): Cell => ({ t: 'str', v });
  switch (field) {
    case 'archive_no':
      return str(`${prefix}R${i}`);
    case 'archive_level':
      return str('全国级');
    case 'province':
      return str('云南省');
    case 'city':
      return str('曲靖市');
    case 'county':
      return str('麒麟区');
    case 'head_name':
      return str('杨小华');
    case 'id_number':
      return str(validId('530302', '19800101', i % 1000));
    case 'persons':
      return { t: 'num', v: 3 };
    case 'causes':
      return str('收入低、子女上学');
    case 'tier':
      return str('相对困难');
    case 'employer':
      return str('曲靖市第一煤矿');
    case 'phone':
      return str('13812345678');
    case 'officer':
      return str('13900000001');
    case 'deadline':
      return str('2027-06-30');
    case 'filed_on':
      return str('2020-06-30');
  }
}

export interface BuiltRow {
  rowNumber: number;
  cells: Cell[];
  /** Whether the importer must count this row as data (a non-blank cell the reader will see). */
  data: boolean;
  /** The archive number as written, when its cell is the plain generated text (else null). */
  archiveNo: string | null;
}

/** What a reader hands the importer is blank: nothing, or text of white space only (a CSV cell is all text). */
const isBlankCell = (c: Cell, xlsx: boolean) =>
  xlsx ? c.t === 'blank' || (c.t === 'str' && c.v.replace(xmlUnsafe, '').trim() === '') : csvValue(c).trim() === '';

/** The rows of a plan as cells, with what the oracle needs to know about each. */
export function buildRows(plan: FilePlan, prefix: string): BuiltRow[] {
  const width = plan.columns.length;
  const built: BuiltRow[] = [];
  plan.rows.forEach((row, index) => {
    const rowNumber = index + 2;
    if (row.blank) {
      built.push({ rowNumber, cells: plan.columns.map(() => ({ t: 'blank', v: '' })), data: false, archiveNo: null });
      return;
    }
    const dup = row.dupOf === null || index === 0 ? null : (built[row.dupOf % index] as BuiltRow);
    let cells: Cell[] = plan.columns.map((c) => (c.field ? baseValue(c.field, index + 1, prefix) : { t: 'str', v: '附注' }));
    if (dup?.archiveNo)
      cells = cells.map((c, i) => (plan.columns[i]?.field === 'archive_no' ? { t: 'str', v: dup.archiveNo as string } : c));
    for (const [i, value] of row.edits) cells[i % width] = value;
    if (row.length.kind === 'short') cells = cells.slice(0, row.length.keep);
    if (row.length.kind === 'long') cells = [...cells, ...row.length.extra];
    // Slave cells of a merge lose their own value (exceljs keeps the master's only).
    for (const [r, first, last] of plan.merges) {
      if (r !== index) continue;
      for (let c = first + 1; c <= last && c < cells.length; c++) cells[c] = { t: 'blank', v: null };
    }
    const archiveAt = plan.columns.findIndex((c) => c.field === 'archive_no');
    const archive = cells[archiveAt];
    const archiveNo = archive?.t === 'str' && /^[A-Z0-9]+$/.test(archive.v) ? archive.v : null;
    built.push({ rowNumber, cells, data: cells.some((c) => !isBlankCell(c, plan.format === 'xlsx')), archiveNo });
  });
  return built;
}

function xlsxValue(c: Cell): ExcelJS.CellValue {
  switch (c.t) {
    case 'str':
      return c.v.replace(xmlUnsafe, '');
    case 'num':
    case 'bool':
    case 'date':
      return c.v;
    case 'formula':
      return c.result === undefined ? { formula: c.formula, date1904: false } : { formula: c.formula, result: c.result, date1904: false };
    case 'rich':
      return { richText: c.runs.map((t, i) => ({ text: t.replace(xmlUnsafe, '') || ' ', ...(i % 2 ? { font: { bold: true } } : {}) })) };
    case 'error':
      return { error: c.v as ExcelJS.CellErrorValue['error'] };
    case 'link':
      return { text: c.text, hyperlink: 'http://example.com/' };
    case 'huge':
      return c.ch.repeat(c.n);
    case 'blank':
      return c.v === null ? null : c.v;
  }
}

function csvValue(c: Cell): string {
  switch (c.t) {
    case 'str':
      return c.v;
    case 'num':
      return String(c.v);
    case 'bool':
      return c.v ? 'TRUE' : 'FALSE';
    case 'date':
      return `${c.v.getUTCFullYear()}/${c.v.getUTCMonth() + 1}/${c.v.getUTCDate()}`;
    case 'formula':
      return `=${c.formula}`;
    case 'rich':
      return c.runs.join('') || ' ';
    case 'error':
      return c.v;
    case 'link':
      return c.text;
    case 'huge':
      return c.ch.repeat(c.n);
    case 'blank':
      return c.v ?? '';
  }
}

/** Writes the plan's file into `dir`; returns its path. */
export async function writePlan(plan: FilePlan, rows: BuiltRow[], dir: string, name: string): Promise<string> {
  const header = plan.columns.map((c) => c.header);
  if (plan.format === 'xlsx') {
    const file = path.join(dir, `${name}.xlsx`);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('困难职工档案');
    sheet.addRow(header);
    for (const r of rows) sheet.addRow(r.cells.map(xlsxValue));
    for (const [r, first, last] of plan.merges) {
      const row = rows[r];
      const end = Math.min(last, (row?.cells.length ?? 0) - 1);
      if (row?.data && end > first) sheet.mergeCells(row.rowNumber, first + 1, row.rowNumber, end + 1);
    }
    if (plan.corrupt === null) await wb.xlsx.writeFile(file);
    else writeFileSync(file, corrupt(Buffer.from(await wb.xlsx.writeBuffer()), plan.corrupt));
    return file;
  }
  const file = path.join(dir, `${name}.csv`);
  const csv = stringify([header, ...rows.map((r) => r.cells.map(csvValue))], {
    record_delimiter: plan.eol,
    delimiter: plan.tabs ? '\t' : ',',
  });
  const bytes =
    plan.format === 'csv-gb18030'
      ? iconv.encode(csv, 'gb18030')
      : Buffer.from((plan.format === 'csv-utf8-bom' ? '\uFEFF' : '') + csv, 'utf8');
  writeFileSync(file, corrupt(bytes, plan.corrupt));
  return file;
}
