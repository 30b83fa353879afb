// HouseholdBatchStore on a SQLite file through better-sqlite3 prepared statements: the import's hot
// path, where going through Prisma per row costs ~5× the time and memory (measured: bench/import).
// Reads and writes the same rows and column formats as the Prisma models. Batches are grouped into
// transactions of about 10,000 rows; a run's first transaction is written on this connection, later
// ones by a writer thread (household-batch-writer.mjs) on its own, while the import reads on.
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  householdColumns,
  type HouseholdBatchStore,
  type HouseholdRecord,
  type NewHousehold,
  type StoredHousehold,
} from '../core/ports/household-batch-store.ts';
import {
  createBatchWriter,
  type BatchWriterSql,
  type BatchWriterThreadOptions,
  type HouseholdRow,
  type WriterBatch,
} from './household-batch-writer.mjs';
import { isD1File } from './is-d1-file.ts';
import { sqlitePath } from './sqlite-path.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';

const busyTimeoutMs = 10_000;

/**
 * The writing connection's settings. A 64 MB page cache (as the server's connection has,
 * create-prisma.ts) keeps the indexes' pages that every transaction touches; a checkpoint every
 * 10,000 WAL pages instead of 1,000 copies each page back once per few transactions rather than
 * once per transaction. Together they save a third of the cost of writing a million rows in
 * transactions of 10,000 (bench/import).
 */
export function writerPragmas(wal: boolean): string[] {
  return [...(wal ? ['journal_mode = WAL', 'wal_autocheckpoint = 10000'] : []), 'synchronous = NORMAL', 'cache_size = -65536'];
}

/** `rowsPerTransaction`: the size of a transaction (10,000 rows; tests use less to get several). */
export function openSqliteHouseholdStore(databaseUrl: string, options: { rowsPerTransaction?: number } = {}): HouseholdBatchStore {
  const rowsPerTransaction = options.rowsPerTransaction ?? defaultRowsPerTransaction;
  const file = sqlitePath(databaseUrl);
  const db = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
  const wal = !isD1File(db);
  const pragmas = writerPragmas(wal);
  // With a writer thread this connection mostly reads between its commits, and each commit empties
  // this connection's page cache: a large one would only add to the memory.
  for (const pragma of wal ? pragmas.filter((p) => !p.startsWith('cache_size')) : pragmas) db.pragma(pragma);
  // Archive numbers seen in this run: a TEMP table lives in SQLite's temp file with a bounded page
  // cache, so duplicate detection does not hold a million strings in the JS heap.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS import_seen ("archiveNo" TEXT PRIMARY KEY, "rowNumber" INTEGER NOT NULL) WITHOUT ROWID');
  // A batch goes to SQLite as one JSON array per statement instead of one statement per row. Every
  // [archiveNo, rowNumber] is inserted unless its number is there already (from an earlier batch, or
  // an earlier row of this batch: json_each keeps the array's order); when all were inserted there
  // is no repeat, else each number's stored row tells which rows repeat an earlier one.
  const remember = db.prepare(
    'INSERT INTO import_seen ("archiveNo", "rowNumber") SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true ON CONFLICT DO NOTHING',
  );
  const firstRows = db
    .prepare('SELECT j.key, s."rowNumber" FROM json_each(?) AS j JOIN import_seen AS s ON s."archiveNo" = j.value ->> 0')
    .raw();
  const forget = db.prepare('DELETE FROM import_seen');
  const cols = householdColumns.map((c) => `"${c}"`).join(', ');
  const find = db.prepare(`SELECT id, ${cols} FROM households WHERE "archiveNo" IN (SELECT value FROM json_each(?))`);
  const sql = writerSql(cols);
  const writeHere = createBatchWriter(db, sql);
  let thread: WriterThread | undefined;
  // Batches handed over and not yet sent, as JSON (a string per batch, not thousands of objects
  // that the garbage collector would copy while they wait); the transaction being written; the
  // first failure, after which nothing more is written.
  let group: Group = emptyGroup();
  let inFlight: Promise<void> | undefined;
  let failed: unknown;
  let transactions = 0;

  const send = async () => {
    const sending = group;
    group = emptyGroup();
    if (sending.rows === 0) return;
    await settle();
    const json = `{"at":${JSON.stringify(sending.at)},"actor":${JSON.stringify(sending.actor)},"created":[${sending.created.join(',')}],"updated":[${sending.updated.join(',')}],"audits":[${sending.audits.join(',')}]}`;
    // The first transaction of a run is written here: a file of one transaction needs no thread. A
    // D1-migrated file keeps its rollback journal, where a second connection writing would block
    // this one's reads: there every transaction is written here.
    if (++transactions === 1 || !wal) {
      try {
        writeHere(JSON.parse(json) as WriterBatch);
      } catch (error) {
        failed = error;
        throw error;
      }
      return;
    }
    thread ??= startWriterThread({ file, timeout: busyTimeoutMs, pragmas, sql });
    inFlight = thread.write(json);
    inFlight.catch((error: unknown) => {
      failed ??= error;
    });
  };
  const settle = async () => {
    const pending = inFlight;
    inFlight = undefined;
    await pending;
  };

  return {
    startRun() {
      forget.run();
      transactions = 0;
    },
    markSeen(archiveNos, rowNumbers) {
      const result = new Array<number | undefined>(archiveNos.length).fill(undefined);
      const entries = JSON.stringify(archiveNos.map((no, i) => [no, rowNumbers[i]]));
      if (remember.run(entries).changes === archiveNos.length) return result;
      for (const [i, first] of firstRows.iterate(entries) as Iterable<[number, number]>) {
        if (first !== rowNumbers[i]) result[i] = first;
      }
      return result;
    },
    findByArchiveNos(archiveNos) {
      const found = new Map<string, StoredHousehold>();
      if (archiveNos.length === 0) return found;
      for (const row of find.iterate(JSON.stringify(archiveNos)) as Iterable<StoredHousehold>) found.set(row.archiveNo, row);
      return found;
    },
    async writeBatch(batch, meta) {
      if (failed !== undefined) throw failed;
      const at = sqliteTimestamp(meta.now);
      if (group.rows > 0 && (group.at !== at || group.actor !== meta.actor)) await send();
      group.at = at;
      group.actor = meta.actor;
      if (batch.created.length > 0) group.created.push(JSON.stringify(batch.created.map(valuesOf)).slice(1, -1));
      if (batch.updated.length > 0) group.updated.push(JSON.stringify(batch.updated.map(rowOf)).slice(1, -1));
      if (batch.audits.length > 0) {
        const audits = batch.audits.map((a) => [a.householdId, JSON.stringify(a.before), JSON.stringify(a.after)]);
        group.audits.push(JSON.stringify(audits).slice(1, -1));
      }
      group.rows += batch.created.length + batch.updated.length;
      if (group.rows >= rowsPerTransaction) await send();
    },
    async flush() {
      if (failed !== undefined) throw failed;
      await send();
      await settle();
    },
    close() {
      thread?.close();
      db.close();
    },
  };
}

/** Rows per transaction: fewer, larger transactions cost less per row, and each holds the write lock only briefly. */
const defaultRowsPerTransaction = 10_000;

interface Group {
  at: string;
  actor: string;
  rows: number;
  /** JSON fragments: rows (or audit entries) separated by commas, one fragment per batch. */
  created: string[];
  updated: string[];
  audits: string[];
}

function emptyGroup(): Group {
  return { at: '', actor: '', rows: 0, created: [], updated: [], audits: [] };
}

function writerSql(cols: string): BatchWriterSql {
  const values = `${householdColumns.map(() => '?').join(', ')}, ?, ?`;
  const rest = householdColumns.filter((c) => c !== 'archiveNo');
  return {
    // New rows are plain inserts (an upsert costs ~50% more per row); the upsert is the fallback for a
    // row that another writer added or removed since it was classified.
    insert: `INSERT INTO households (${cols}, "createdAt", "updatedAt") VALUES (${values}) ON CONFLICT DO NOTHING`,
    update: `UPDATE households SET ${rest.map((c) => `"${c}" = ?`).join(', ')}, "updatedAt" = ? WHERE "archiveNo" = ?`,
    upsert: `INSERT INTO households (${cols}, "createdAt", "updatedAt") VALUES (${values})
      ON CONFLICT("archiveNo") DO UPDATE SET ${rest.map((c) => `"${c}" = excluded."${c}"`).join(', ')}, "updatedAt" = excluded."updatedAt"`,
    audit: `INSERT INTO audit_events ("at", "actor", "source", "action", "householdId", "before", "after") VALUES (?, ?, 'import', 'household.updated', ?, ?, ?)`,
  };
}

/** A new row's values in householdColumns order (archiveNo first), without rowHash: the writer adds it. */
function valuesOf(r: NewHousehold): HouseholdRow {
  return [
    r.archiveNo,
    r.archiveLevel,
    r.regionId,
    r.headName,
    r.idNumber,
    r.persons,
    r.causes,
    r.causeMask,
    r.tier ?? null,
    r.employer ?? null,
    r.phone ?? null,
    r.officerId ?? null,
    r.deadline ?? null,
    r.filedOn,
  ];
}

/** The record's values in householdColumns order (archiveNo first, rowHash last). */
function rowOf(r: HouseholdRecord): HouseholdRow {
  return [...valuesOf(r), r.rowHash];
}

interface WriterThread {
  /** Resolves when the batch is committed; rejects with its error (and every later batch with the same). */
  write(json: string): Promise<void>;
  /** Closes the thread's connection once the batches sent before are done. */
  close(): void;
}

function startWriterThread(options: BatchWriterThreadOptions): WriterThread {
  const worker = new Worker(new URL('./household-batch-writer.mjs', import.meta.url), {
    workerData: { householdBatchWriter: options },
  });
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let next = 0;
  let gone: Error | undefined;
  const settleAll = (error: Error) => {
    gone ??= error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', ({ id, error }: { id: number; error?: { name: string; message: string; code?: string } }) => {
    const w = waiting.get(id);
    waiting.delete(id);
    // The error as the store would have thrown it here: describeDbError reads its code (SQLITE_BUSY …).
    if (error) w?.reject(Object.assign(new Error(error.message), { name: error.name, code: error.code }));
    else w?.resolve();
    // An idle thread must not keep the process alive; one with a batch under way must.
    if (waiting.size === 0) worker.unref();
  });
  worker.on('error', (error) => settleAll(error));
  worker.on('exit', (code) => settleAll(new Error(`household writer thread exited (code ${code})`)));
  return {
    write(json) {
      if (gone) return Promise.reject(gone);
      const id = ++next;
      worker.ref();
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, json });
      });
    },
    close() {
      worker.postMessage({ close: true });
      worker.unref();
    },
  };
}
