// Writes one batch of household rows (and the audit events of the changed ones) in one SQLite
// transaction. The import runs it on its own connection for a first batch and, for a larger file,
// in a worker thread with its own connection, so SQLite writes batch N while the main thread reads
// and validates batch N+1 (bench/RESULTS.md: the writes are half of an import's time).
// Plain JavaScript: a worker thread does not inherit tsx's loader when the CLI registers it
// in-process (bin/huhuqing.mjs), so this file must load without it. The SQL comes from
// sqlite-household-store.ts, which owns the columns and their order.
import { hash } from 'node:crypto';
import Database from 'better-sqlite3';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * The content hash stored with a household (rowHash), from its values in the order of the household
 * columns without rowHash (archiveNo … filedOn, absent ones null). Re-imports compare it to tell
 * unchanged rows from changed ones, so earlier imports' hashes depend on this exact text.
 */
export function householdRowHash(values) {
  return hash('sha1', JSON.stringify(values), 'base64');
}

/**
 * sql: { insert, update, upsert, audit }. A batch: { at, actor, created, updated, audits } where
 * updated rows are the values of all household columns (archiveNo first, rowHash last), created rows
 * the same without rowHash (computed here, off the importing thread), and audits are
 * [householdId, before JSON, after JSON]. A created row that exists by now, or an updated row that
 * no longer does, is upserted: another writer may have added or removed it since it was classified.
 */
export function createBatchWriter(db, sql) {
  const insert = db.prepare(sql.insert);
  const update = db.prepare(sql.update);
  const upsert = db.prepare(sql.upsert);
  const audit = db.prepare(sql.audit);
  return db.transaction((batch) => {
    const { at, actor } = batch;
    for (const values of batch.created) {
      const row = [...values, householdRowHash(values)];
      if (insert.run(...row, at, at).changes === 0) upsert.run(...row, at, at);
    }
    for (const row of batch.updated) {
      if (update.run(...row.slice(1), at, row[0]).changes === 0) upsert.run(...row, at, at);
    }
    for (const [householdId, before, after] of batch.audits) audit.run(at, actor, householdId, before, after);
  });
}

// In a worker started by sqlite-household-store.ts: batches arrive as JSON, in order; each is
// answered when committed, or with its error. After a failure nothing more is written.
const options = isMainThread ? undefined : workerData?.householdBatchWriter;
if (options && parentPort) {
  const port = parentPort;
  const db = new Database(options.file, { fileMustExist: true, timeout: options.timeout });
  for (const pragma of options.pragmas) db.pragma(pragma);
  const write = createBatchWriter(db, options.sql);
  let failed;
  port.on('message', ({ id, json, close }) => {
    if (close) {
      db.close();
      port.close();
      return;
    }
    if (failed === undefined) {
      try {
        write(JSON.parse(json));
      } catch (error) {
        failed = { name: error?.name ?? 'Error', message: error?.message ?? String(error), code: error?.code };
      }
    }
    port.postMessage(failed === undefined ? { id } : { id, error: failed });
  });
}
