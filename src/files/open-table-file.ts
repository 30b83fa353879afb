// Opens a household or roster file by its extension: .xlsx or .csv (other formats get a clear error).
import { access } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/app-error.ts';
import { openCsv } from './read-csv.ts';
import { openXlsx } from './read-xlsx.ts';
import type { TableSource } from './table-rows.ts';

export async function openTableFile(file: string): Promise<TableSource> {
  try {
    await access(file);
  } catch {
    throw new AppError('file_unreadable', `找不到文件 ${file}：请检查路径`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return openXlsx(file);
  if (ext === '.csv' || ext === '.txt') return openCsv(file);
  if (ext === '.xls' || ext === '.et' || ext === '.wps') {
    throw new AppError('file_format', `不支持旧版 ${ext} 格式：请在 Excel/WPS 中“另存为” .xlsx 或 CSV 后再导入`);
  }
  throw new AppError('file_format', `不支持的文件类型「${ext || '无扩展名'}」：请提供 .xlsx 或 .csv 文件`);
}
