import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { seedQujing } from '../fixtures/qujing.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

let db: TempDb;
let dir: string;
const savedUrl = process.env.DATABASE_URL;
let stdout: string;
let stderr: string;

beforeAll(async () => {
  db = await createTempDb();
  await seedQujing(db.prisma);
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-report-cli-'));
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  await db.cleanup();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr += `${args.join(' ')}\n`;
  });
});
afterEach(() => vi.restoreAllMocks());

const run = (...args: string[]) => main(['node', 'huhuqing', 'report', ...args]);

describe('huhuqing report', () => {
  it('prints the level table for a city at a date', async () => {
    expect(await run('--at', '2020-03-31', '--region', '曲靖市')).toBe(0);
    expect(stdout.split('\n')[0]).toBe('曲靖市 困难职工档案 截至 2020-03-31（按档案级别）');
    expect(stdout).toMatch(/全国级\s*│\s*688\s*│\s*2,155/);
    expect(stdout).toMatch(/合计\s*│\s*908\s*│\s*2,789/);
  });

  it('writes CSV to standard output', async () => {
    expect(await run('--at', '2020-03-31', '--region', '530300', '--by', 'region', '--format', 'csv')).toBe(0);
    expect(stdout.startsWith('\uFEFF区划代码,市,县区,户数,人数\r\n')).toBe(true);
    expect(stdout).toContain('\r\n合计,,,908,2789\r\n');
  });

  it('writes xlsx to the --out file, the format taken from its extension', async () => {
    const file = path.join(dir, '曲靖.xlsx');
    expect(await run('--at', '2020-03-31', '--since', '2017-03-31', '--region', '曲靖市', '--out', file)).toBe(0);
    expect(stderr).toContain(`已写入 ${file}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const totalRow = workbook.worksheets[0]?.getRow(7).values as unknown[];
    expect(totalRow.slice(1)).toEqual(['合计', 4819, 13311, 908, 2789, -3911, -10522]);
  });

  it('writes CSV to a file when asked', async () => {
    const file = path.join(dir, 'cause.csv');
    expect(await run('--at', '2020-03-31', '--region', '曲靖市', '--by', 'cause', '--out', file)).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^\uFEFF致困原因,户数,人数\r\n收入低,/);
  });

  it('reports a missing database instead of creating an empty one', async () => {
    const missing = path.join(dir, 'missing.db');
    process.env.DATABASE_URL = `file:${missing}`;
    try {
      expect(await run()).toBe(2);
    } finally {
      process.env.DATABASE_URL = db.url;
    }
    expect(stderr).toContain('错误：无法生成报表');
    expect(stderr).toContain('huhuqing migrate');
    expect(existsSync(missing)).toBe(false);
  });

  it.each([
    [['--at', '2020-13-01'], '--at 的日期「2020-13-01」无效：请写成 YYYY-MM-DD 格式的真实日期'],
    [['--at', '31/03/2020'], '--at 的日期「31/03/2020」无效'],
    [
      ['--by', 'colour'],
      '--by 的取值「colour」无效：可选 level（档案级别）、region（地区）、cause（致困原因）、tier（困难类型）、state（办理状态）',
    ],
    [['--region', '昆仑市'], '找不到地区「昆仑市」：请用地区全称（如 曲靖市、麒麟区）或 6 位区划代码（如 530300）'],
    [['--format', 'xlsx'], 'xlsx 格式须写入文件：请加上 --out <文件名>'],
    [['--format', 'pdf'], '--format 的取值「pdf」无效'],
    [['--at', '2017-03-31', '--since', '2020-03-31'], '--since（2020-03-31）须早于 --at（2017-03-31）'],
  ])('refuses %j with a Chinese message and exit code 2', async (args, message) => {
    expect(await run(...args)).toBe(2);
    expect(stderr).toContain(`错误：${message}`);
    expect(stdout).toBe('');
  });
});
