// Opens a household or roster file by its extension: .xlsx or .csv (other formats get a clear error).
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/app-error.ts';
import { openCsv } from './read-csv.ts';
import { readRowsInWorker } from './read-rows-in-worker.ts';
import type { TableSource } from './table-rows.ts';

/**
 * From these sizes a file is decoded in a worker thread, in parallel with validating and writing.
 * Starting the worker costs ~0.2 s (csv) to ~0.7 s (xlsx, loading exceljs there) before the first
 * row: about what reading 4 MB of csv (~20,000 rows) or 1 MB of xlsx (~8,000 rows) takes in-thread,
 * so smaller files, rosters among them, stay in-thread.
 */
const inWorkerFrom = { csv: 4 * 2 ** 20, xlsx: 2 ** 20 };

export async function openTableFile(file: string): Promise<TableSource> {
  try {
    await access(file);
  } catch {
    throw new AppError('file_unreadable', `找不到文件 ${file}：请检查路径`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') {
    const { size } = await stat(file);
    if (size >= inWorkerFrom.xlsx) return readRowsInWorker(file, { format: 'xlsx', totalBytes: size });
    // exceljs is loaded on the first .xlsx (~15 MB): the server holds it only once someone imports one.
    return (await import('./read-xlsx.ts')).openXlsx(file);
  }
  if (ext === '.csv' || ext === '.txt') {
    const csv = await openCsv(file);
    return csv.totalBytes >= inWorkerFrom.csv ? readRowsInWorker(file, csv) : csv;
  }
  if (ext === '.xls' || ext === '.et' || ext === '.wps') {
    throw new AppError('file_format', `不支持旧版 ${ext} 格式：请在 Excel/WPS 中“另存为” .xlsx 或 CSV 后再导入`);
  }
  throw new AppError('file_format', `不支持的文件类型「${ext || '无扩展名'}」：请提供 .xlsx 或 .csv 文件`);
}
