// Streams the first worksheet of an .xlsx file row by row (exceljs WorkbookReader): the workbook
// is never loaded whole. Date-formatted cells arrive as Date objects (styles are cached).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, type Writable } from 'node:stream';
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

/**
 * Counts the bytes read, and reports an error of the stream it is piped into: exceljs pipes the file
 * into unzipper, whose errors on a damaged zip (a bad signature, a broken deflate stream, a file
 * that ends early) never reach exceljs's iterator while it waits for an entry that will not end.
 */
class ByteCounter extends Transform {
  private failure: Error | undefined;
  private wake: ((error: Error) => void) | undefined;

  constructor(private readonly onBytes: (n: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (error: null, chunk: Buffer) => void): void {
    this.onBytes(chunk.length);
    done(null, chunk);
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    (destination as unknown as Writable).once('error', (error: Error) => {
      this.failure = error;
      this.wake?.(error);
    });
    return super.pipe(destination, options);
  }

  /**
   * The iterator's next result, or the unzip stream's error if it fails first. One waiter at a
   * time, settled either way (a Promise.race per row on a promise that never settles would keep a
   * reaction per row: 1.7 GB at 200,000 rows).
   */
  next<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.wake = reject;
      iterator.next().then(
        (r) => {
          this.wake = undefined;
          resolve(r);
        },
        (e: unknown) => {
          this.wake = undefined;
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }
}

async function* readRows(file: string, onBytes: (n: number) => void): AsyncIterable<TableRow> {
  const counter = new ByteCounter(onBytes);
  const input = createReadStream(file).pipe(counter);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // Every wait on exceljs also ends when the unzip stream fails, so a damaged file is an error, not a hang.
  const next = <T>(iterator: AsyncIterator<T>) => counter.next(iterator);
  try {
    // Only the first worksheet holds households.
    const sheet = await next(reader[Symbol.asyncIterator]());
    if (sheet.done) return;
    const rows = (sheet.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
    for (let row = await next(rows); !row.done; row = await next(rows)) {
      // exceljs row.values is 1-based and sparse; make it a dense 0-based array.
      const raw = row.value.values as unknown[];
      const values: unknown[] = [];
      for (let i = 1; i < raw.length; i++) values.push(raw[i]);
      yield { rowNumber: row.value.number, values };
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
