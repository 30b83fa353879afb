// Streams rows to a CSV file as Excel writes it: CRLF, quoted where needed, UTF-8 with BOM or GB18030.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf8' | 'gb18030';
export type CsvValue = string | number | null | undefined;

export interface WriteCsvOptions {
  encoding?: CsvEncoding;
  /** Byte order mark, default on for UTF-8 (Excel needs it to read UTF-8); never written for GB18030. */
  bom?: boolean;
}

export interface WrittenFile {
  path: string;
  rows: number;
  bytes: number;
}

const chunkChars = 64 * 1024;
const needsQuotes = /[",\r\n]|^\s|\s$/;

export async function writeCsv(
  path: string,
  headers: readonly string[],
  rows: Iterable<Readonly<Record<string, CsvValue>>>,
  options: WriteCsvOptions = {},
): Promise<WrittenFile> {
  const encoding = options.encoding ?? 'utf8';
  const encode = (text: string): Buffer => (encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030'));
  const out = createWriteStream(path);
  const done = finished(out);
  // Surface a write error through `done` even while we wait for 'drain'.
  done.catch(() => undefined);
  let bytes = 0;
  let count = 0;
  let pending = encoding === 'utf8' && (options.bom ?? true) ? '\uFEFF' : '';
  const flush = async (): Promise<void> => {
    const buffer = encode(pending);
    pending = '';
    bytes += buffer.length;
    if (!out.write(buffer)) await Promise.race([once(out, 'drain'), done]);
  };
  try {
    pending += csvLine(headers);
    for (const row of rows) {
      pending += csvRow(headers, row);
      count++;
      if (pending.length >= chunkChars) await flush();
    }
    if (pending.length > 0) await flush();
  } finally {
    out.end();
  }
  await done;
  return { path, rows: count, bytes };
}

function csvRow(headers: readonly string[], row: Readonly<Record<string, CsvValue>>): string {
  let line = '';
  for (let i = 0; i < headers.length; i++) {
    if (i > 0) line += ',';
    line += csvField(row[headers[i] as string]);
  }
  return line + '\r\n';
}

export function csvLine(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]);
  }
  return line + '\r\n';
}

/** RFC 4180 quoting; surrounding spaces are quoted too, so that readers which trim keep them. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
