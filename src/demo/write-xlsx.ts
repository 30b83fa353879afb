// Streams rows to an .xlsx file with exceljs's WorkbookWriter, committing each row as it goes.
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { dayToDate, parseDay } from './demo-days.ts';
import type { CsvValue, WrittenFile } from './write-csv.ts';

export interface WriteXlsxOptions {
  sheetName: string;
  /** Columns holding YYYY-MM-DD strings, written as real Excel dates (UTC midnight, yyyy-mm-dd). */
  dateColumns?: readonly string[];
  /** Column widths in characters, by header; default 14. */
  widths?: Readonly<Record<string, number>>;
}

/** How often to wait for the zip to catch up: exceljs itself ignores backpressure. */
const drainEvery = 1_000;

export async function writeXlsx(
  path: string,
  headers: readonly string[],
  rows: Iterable<Readonly<Record<string, CsvValue>>>,
  options: WriteXlsxOptions,
): Promise<WrittenFile> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const dated = new Set(options.dateColumns ?? []);
  sheet.columns = headers.map((header) => ({
    header,
    key: header,
    width: options.widths?.[header] ?? 14,
    ...(dated.has(header) ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for (const row of rows) {
    const values = headers.map((h) => {
      const value = row[h];
      if (value === null || value === undefined || value === '') return null;
      return dated.has(h) && typeof value === 'string' ? dayToDate(parseDay(value)) : value;
    });
    sheet.addRow(values).commit();
    if (++count % drainEvery === 0) await drainSheet(sheet);
  }
  sheet.commit();
  await workbook.commit();
  return { path, rows: count, bytes: (await stat(path)).size };
}

/**
 * exceljs's sheet stream (a StreamBuf) writes into the zip entry without looking at write()'s result,
 * so a million rows would pile up in memory in front of the deflater. Wait for the entry's 'drain'.
 * Reaches into exceljs internals (`stream.pipes`); if they change, this only stops throttling.
 */
async function drainSheet(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: ZipEntryInput[] } }).stream?.pipes ?? [];
  // readable-stream's PassThrough (used by archiver) predates `writableNeedDrain`.
  for (const pipe of pipes) if (pipe._writableState?.needDrain) await once(pipe, 'drain');
}

interface ZipEntryInput extends NodeJS.EventEmitter {
  _writableState?: { needDrain?: boolean };
}
