// The worker thread of read-rows-in-worker.ts: reads a csv or xlsx file with the in-thread reader
// (csv-parse / exceljs) and posts its rows in batches, at most `inFlight` batches ahead of the
// batches the main thread has taken, so a large file is never read ahead into memory.
// Plain JavaScript: a worker thread does not inherit tsx's loader when the CLI registers it
// in-process (bin/huhuqing.mjs), so the TypeScript readers are loaded through tsx's tsImport.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

const options = isMainThread ? undefined : workerData?.readRows;
if (options && parentPort) await readRows(parentPort, options);

/**
 * Messages posted: { rows: [rowNumber, values][], bytes } per batch, then { done: true, bytes }, or
 * { error: { name, code, message, details } } after the rows read before it. Received: 'ack' for
 * each batch the main thread takes.
 */
async function readRows(port, { file, format, batchRows, inFlight }) {
  let unacked = 0;
  let wake;
  const onAck = () => {
    unacked--;
    wake?.();
  };
  port.on('message', onAck);
  let source;
  let batch = [];
  const send = async () => {
    port.postMessage({ rows: batch, bytes: source.bytesRead() });
    batch = [];
    unacked++;
    while (unacked >= inFlight) await new Promise((resolve) => (wake = resolve));
    wake = undefined;
  };
  try {
    const { tsImport } = await import('tsx/esm/api');
    if (format === 'xlsx') source = await (await tsImport('./read-xlsx.ts', import.meta.url)).openXlsx(file);
    else source = await (await tsImport('./read-csv.ts', import.meta.url)).openCsv(file);
    for await (const { rowNumber, values } of source.rows()) {
      batch.push([rowNumber, values]);
      if (batch.length >= batchRows) await send();
    }
    if (batch.length > 0) await send();
    port.postMessage({ done: true, bytes: source.bytesRead() });
  } catch (error) {
    if (batch.length > 0) port.postMessage({ rows: batch, bytes: source?.bytesRead() ?? 0 });
    const { name = 'Error', code, message = String(error), details } = error ?? {};
    port.postMessage({ error: { name, code, message, details } });
  }
  // Nothing more to send: let the thread end (what was posted is still delivered).
  port.off('message', onAck);
}
