// The rejected rows as a CSV the admin can fix and re-import: the original columns, unchanged,
// then 行号 (row number in the source file) and 错误原因 (what to fix). UTF-8 with BOM for Excel.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { RejectedRow, RejectSink } from '../core/households/import-report.ts';
import { formatCell } from './format-cell.ts';

export interface RejectsCsv extends RejectSink {
  close(): Promise<number>;
}

export function writeRejectsCsv(file: string): RejectsCsv {
  let out: WriteStream | undefined;
  let headers: unknown[] = [];
  let count = 0;
  const open = () => {
    out ??= createWriteStream(file, { encoding: 'utf8' });
    return out;
  };
  const put = async (cells: string[]) => {
    const s = open();
    if (!s.write(stringify([cells], { record_delimiter: '\r\n' }))) await once(s, 'drain');
  };
  return {
    header: (h) => {
      headers = h;
    },
    // The file is created with the first rejected row: a clean import leaves no file behind.
    write: async (row: RejectedRow) => {
      if (count++ === 0) {
        open().write('\uFEFF');
        await put([...headers.map(formatCell), '行号', '错误原因']);
      }
      const cells = Array.from({ length: headers.length }, (_, i) => formatCell(row.values[i]));
      await put([...cells, String(row.rowNumber), row.reasons.join('；')]);
    },
    close: async () => {
      if (out) {
        out.end();
        await once(out, 'finish');
      }
      return count;
    },
  };
}
