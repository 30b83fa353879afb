import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.ts';
import { openCsv } from '../../src/files/read-csv.ts';
import { readRowsInWorker } from '../../src/files/read-rows-in-worker.ts';
import { openXlsx } from '../../src/files/read-xlsx.ts';
import type { TableRow, TableSource } from '../../src/files/table-rows.ts';
import { householdHeader, householdRow, writeCsv, writeXlsx } from '../helpers/table-files.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-read-worker-'));
});

const households = (n: number) => Array.from({ length: n }, (_, i) => householdRow(i + 1, { 致困原因: `病,"残"\n第${i + 1}户` }));

/** Every row a source yields, and the error it ends with (if any). */
async function readAll(source: TableSource): Promise<{ rows: TableRow[]; error?: unknown }> {
  const rows: TableRow[] = [];
  try {
    for await (const row of source.rows()) rows.push(row);
    return { rows };
  } catch (error) {
    return { rows, error };
  }
}

const inWorker = (file: string, source: TableSource, onWorker?: (w: Worker) => void) =>
  readRowsInWorker(file, source, { batchRows: 7, inFlight: 2, ...(onWorker ? { onWorker } : {}) });

describe('reading a table file in a worker thread', () => {
  it('yields the same csv rows as the in-thread reader (GB18030, quoted commas and newlines), with its progress', async () => {
    const file = writeCsv(dir, 'h.csv', [householdHeader, ...households(40)], { encoding: 'gb18030' });
    const direct = await openCsv(file);
    const expected = await readAll(direct);
    const source = inWorker(file, direct);
    expect(source).toMatchObject({ format: 'csv', encoding: 'gb18030', totalBytes: direct.totalBytes });
    const actual = await readAll(source);
    expect(actual.error).toBeUndefined();
    expect(actual.rows).toHaveLength(41);
    expect(actual.rows).toEqual(expected.rows);
    expect(source.bytesRead()).toBe(direct.bytesRead());
    expect(source.bytesRead()).toBe(readFileSync(file).length);
  });

  it('yields the same xlsx rows as the in-thread reader: dates stay Dates, formulas and row-number gaps kept', async () => {
    const file = await writeXlsx(
      dir,
      'h.xlsx',
      [
        householdHeader,
        householdRow(1, { 脱困时限: new Date(Date.UTC(2027, 5, 30)) }),
        [],
        householdRow(3, { 家庭人口: { formula: '1+2', result: 3 }, 脱困时限: 46568 }),
        ...households(20),
      ],
      (sheet) => {
        sheet.getColumn(14).numFmt = 'yyyy-mm-dd';
      },
    );
    const direct = await openXlsx(file);
    const expected = await readAll(direct);
    const actual = await readAll(inWorker(file, direct));
    expect(actual.error).toBeUndefined();
    expect(actual.rows).toEqual(expected.rows);
    expect(actual.rows.map((r) => r.rowNumber).slice(0, 4)).toEqual([1, 2, 4, 5]);
    expect(actual.rows[1]?.values[13]).toBeInstanceOf(Date);
  });

  it('ends a damaged xlsx with the same AppError as the in-thread reader, after the same rows', async () => {
    const good = readFileSync(await writeXlsx(dir, 'good.xlsx', [householdHeader, ...households(300)]));
    const file = path.join(dir, 'damaged.xlsx');
    writeFileSync(file, good.subarray(0, Math.floor(good.length * 0.6)));
    const expected = await readAll(await openXlsx(file));
    const actual = await readAll(inWorker(file, await openXlsx(file)));
    expect(expected.error).toBeInstanceOf(AppError);
    expect(actual.error).toBeInstanceOf(AppError);
    expect(actual.error).toMatchObject({ code: (expected.error as AppError).code, message: (expected.error as AppError).message });
    expect(actual.rows).toEqual(expected.rows);
  });

  it('ends a csv with an unclosed quote with the same AppError as the in-thread reader, after the same rows', async () => {
    const file = path.join(dir, 'bad.csv');
    // Within the first batch: csv-parse drops the records it parsed ahead when it fails, as many as
    // its consumer left unread, so later rows' error position depends on the consumer's speed either way.
    const lines = households(3).map((r) => r.map((v) => String(v ?? '').replace(/[\n"]/g, '')).join(','));
    writeFileSync(file, `${householdHeader.join(',')}\n${lines.join('\n')}\nQJ-9,"未闭合\n`);
    const expected = await readAll(await openCsv(file));
    const actual = await readAll(inWorker(file, await openCsv(file)));
    expect(expected.error).toMatchObject({ code: 'file_format', message: expect.stringMatching(/CSV 文件第 \d+ 行附近格式有误/) });
    expect(actual.error).toBeInstanceOf(AppError);
    expect(actual.error).toMatchObject({ code: (expected.error as AppError).code, message: (expected.error as AppError).message });
    expect(actual.rows).toEqual(expected.rows);
  });

  it('keeps at most the allowed batches in flight, and stops the worker when the reader stops early', async () => {
    const file = writeCsv(dir, 'many.csv', [householdHeader, ...households(2000)]);
    let worker: Worker | undefined;
    let messages = 0;
    let exited = false;
    const source = inWorker(file, await openCsv(file), (w) => {
      worker = w;
      w.on('message', () => messages++);
      w.on('exit', () => (exited = true));
    });
    for await (const row of source.rows()) {
      expect(row.rowNumber).toBe(1);
      // The worker has read ahead as far as it may: the batch being read plus two more.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(messages).toBeLessThanOrEqual(3);
      break;
    }
    expect(worker).toBeDefined();
    expect(exited).toBe(true);
  });
});
