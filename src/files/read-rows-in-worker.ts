// A TableSource whose rows are decoded in a worker thread (read-rows-worker.mjs, with the same csv-parse
// and exceljs readers): the import validates on the main thread and writes on the writer thread while
// the file is read, instead of reading and validating in turns (bench/RESULTS.md, "Import").
import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorCode } from '../core/app-error.ts';
import type { TableRow, TableSource } from './table-rows.ts';

export interface ReadInWorkerOptions {
  /** Rows per message (default 2,000, the import's validation batch). */
  batchRows?: number;
  /** Batches the worker may post ahead of the ones taken (default 3): bounds the memory read ahead. */
  inFlight?: number;
  /** Sees each worker started, e.g. to watch it exit. */
  onWorker?: (worker: Worker) => void;
}

type FromWorker =
  | { rows: [number, unknown[]][]; bytes: number }
  | { done: true; bytes: number }
  | { error: { name: string; code?: string; message: string; details?: string[] } };
type Event = FromWorker | { failure: Error } | { exit: number };

export function readRowsInWorker(
  file: string,
  head: Pick<TableSource, 'format' | 'encoding' | 'totalBytes'>,
  options: ReadInWorkerOptions = {},
): TableSource {
  let bytes = 0;
  return {
    format: head.format,
    ...(head.encoding ? { encoding: head.encoding } : {}),
    totalBytes: head.totalBytes,
    bytesRead: () => bytes,
    rows: () => rowsFromWorker(file, head.format, options, (n) => (bytes = n)),
  };
}

async function* rowsFromWorker(
  file: string,
  format: TableSource['format'],
  { batchRows = 2000, inFlight = 3, onWorker }: ReadInWorkerOptions,
  onBytes: (n: number) => void,
): AsyncIterable<TableRow> {
  const worker = new Worker(new URL('./read-rows-worker.mjs', import.meta.url), {
    workerData: { readRows: { file, format, batchRows, inFlight } },
  });
  onWorker?.(worker);
  const inbox: Event[] = [];
  let wake: (() => void) | undefined;
  const deliver = (event: Event) => {
    inbox.push(event);
    wake?.();
  };
  worker.on('message', (m: FromWorker) => deliver(m));
  worker.on('error', (failure) => deliver({ failure }));
  worker.on('exit', (exit) => deliver({ exit }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const event = inbox.shift() as Event;
      if ('rows' in event) {
        worker.postMessage('ack');
        onBytes(event.bytes);
        for (const [rowNumber, values] of event.rows) yield { rowNumber, values };
      } else if ('done' in event) {
        onBytes(event.bytes);
        return;
      } else if ('error' in event) {
        throw errorOf(event.error);
      } else if ('failure' in event) {
        throw event.failure;
      } else {
        throw new Error(`读取表格的线程意外退出（退出码 ${event.exit}）`);
      }
    }
  } finally {
    // Also when the consumer stops early: the worker must not read on.
    await worker.terminate();
  }
}

/** The worker's error as the in-thread reader would have thrown it: an AppError keeps its code and message. */
function errorOf(e: { name: string; code?: string; message: string; details?: string[] }): Error {
  if (e.name === 'AppError' && e.code) return new AppError(e.code as AppErrorCode, e.message, e.details ?? []);
  return Object.assign(new Error(e.message), { name: e.name, code: e.code });
}
