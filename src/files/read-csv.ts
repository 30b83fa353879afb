// Streams a CSV file as rows: encoding detected (UTF-8 with/without BOM, or GB18030), CRLF or LF,
// comma- or tab-separated (decided on the header line, since causes may contain ';').
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../core/app-error.ts';
import { detectEncoding } from './detect-encoding.ts';
import type { TableRow, TableSource } from './table-rows.ts';

const sniffBytes = 64 * 1024;

export async function openCsv(file: string): Promise<TableSource> {
  const { size } = await stat(file);
  const head = await readHead(file, sniffBytes);
  const { encoding } = detectEncoding(head);
  const firstLine = iconv.decode(Buffer.from(head.subarray(0, indexOfNewline(head))), encoding);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let bytes = 0;
  return {
    format: 'csv',
    encoding,
    totalBytes: size,
    bytesRead: () => bytes,
    rows: () => readRows(file, encoding, delimiter, (n) => (bytes += n)),
  };
}

async function* readRows(
  file: string,
  encoding: 'utf8' | 'gb18030',
  delimiter: string,
  onBytes: (n: number) => void,
): AsyncIterable<TableRow> {
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  const parser = parse({ bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const stream = createReadStream(file).pipe(counter).pipe(iconv.decodeStream(encoding)).pipe(parser);
  let rowNumber = 0;
  try {
    for await (const record of stream as AsyncIterable<string[]>) {
      rowNumber++;
      yield { rowNumber, values: record };
    }
  } catch (error) {
    throw new AppError('file_format', `CSV 文件第 ${rowNumber + 1} 行附近格式有误：${(error as Error).message}。请检查引号是否成对`);
  }
}

async function readHead(file: string, length: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function indexOfNewline(bytes: Uint8Array): number {
  const i = bytes.indexOf(0x0a);
  return i === -1 ? bytes.length : i;
}
