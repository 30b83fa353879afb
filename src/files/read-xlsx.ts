// Streams the first worksheet of an .xlsx file row by row (exceljs WorkbookReader): the workbook
// is never loaded whole. Date-formatted cells arrive as Date objects (styles are cached).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../core/app-error.ts';
import type { TableRow, TableSource } from './table-rows.ts';

export async function openXlsx(file: string): Promise<TableSource> {
  const { size } = await stat(file);
  let bytes = 0;
  return {
    format: 'xlsx',
    totalBytes: size,
    bytesRead: () => bytes,
    rows: () => readRows(file, (n) => (bytes += n)),
  };
}

async function* readRows(file: string, onBytes: (n: number) => void): AsyncIterable<TableRow> {
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  const input = createReadStream(file).pipe(counter);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        // exceljs row.values is 1-based and sparse; make it a dense 0-based array.
        const raw = row.values as unknown[];
        const values: unknown[] = [];
        for (let i = 1; i < raw.length; i++) values.push(raw[i]);
        yield { rowNumber: row.number, values };
      }
      return; // only the first worksheet holds households
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'file_format',
      `无法读取 Excel 文件：${(error as Error).message}。请确认是 .xlsx 格式（不是 .xls 或 .et），可在 Excel/WPS 中“另存为 .xlsx”`,
    );
  } finally {
    input.destroy();
  }
}
