// HouseholdBatchStore on a SQLite file through better-sqlite3 prepared statements: the import's hot
// path, where going through Prisma per row costs ~5× the time and memory (measured: bench/import).
// Reads and writes the same rows and column formats as the Prisma models.
import Database from 'better-sqlite3';
import {
  householdColumns,
  type HouseholdAudit,
  type HouseholdBatchStore,
  type HouseholdRecord,
  type StoredHousehold,
} from '../core/ports/household-batch-store.ts';
import { isD1File } from './is-d1-file.ts';
import { sqlitePath } from './sqlite-path.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';

export function openSqliteHouseholdStore(databaseUrl: string): HouseholdBatchStore {
  const db = new Database(sqlitePath(databaseUrl), { fileMustExist: true, timeout: 10_000 });
  if (!isD1File(db)) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Archive numbers seen in this run: a TEMP table lives in SQLite's temp file with a bounded page
  // cache, so duplicate detection does not hold a million strings in the JS heap.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS import_seen ("archiveNo" TEXT PRIMARY KEY, "rowNumber" INTEGER NOT NULL) WITHOUT ROWID');
  const seen = db.prepare('INSERT INTO import_seen ("archiveNo", "rowNumber") VALUES (?, ?) ON CONFLICT DO NOTHING');
  const firstSeen = db.prepare('SELECT "rowNumber" FROM import_seen WHERE "archiveNo" = ?').pluck();
  const cols = householdColumns.map((c) => `"${c}"`).join(', ');
  const find = db.prepare(`SELECT id, ${cols} FROM households WHERE "archiveNo" = ?`);
  const upsert = db.prepare(
    `INSERT INTO households (${cols}, "createdAt", "updatedAt") VALUES (${householdColumns.map(() => '?').join(', ')}, ?, ?)
     ON CONFLICT("archiveNo") DO UPDATE SET ${householdColumns
       .filter((c) => c !== 'archiveNo')
       .map((c) => `"${c}" = excluded."${c}"`)
       .join(', ')}, "updatedAt" = excluded."updatedAt"`,
  );
  const audit = db.prepare(
    `INSERT INTO audit_events ("at", "actor", "source", "action", "householdId", "before", "after") VALUES (?, ?, 'import', 'household.updated', ?, ?, ?)`,
  );
  const write = db.transaction((rows: readonly HouseholdRecord[], audits: readonly HouseholdAudit[], at: string, actor: string) => {
    for (const r of rows) upsert.run(...householdColumns.map((c) => r[c]), at, at);
    for (const a of audits) audit.run(at, actor, a.householdId, JSON.stringify(a.before), JSON.stringify(a.after));
  });

  const forget = db.prepare('DELETE FROM import_seen');
  // markSeen runs once per row: group its inserts into one transaction per few thousand rows
  // instead of one commit each (the batch write below nests inside it as a savepoint).
  let pendingSeen = 0;
  const flushSeen = () => {
    if (db.inTransaction) db.exec('COMMIT');
    pendingSeen = 0;
  };
  return {
    startRun() {
      flushSeen();
      forget.run();
    },
    markSeen(archiveNo, rowNumber) {
      if (!db.inTransaction) db.exec('BEGIN');
      if (++pendingSeen >= 5000) {
        flushSeen();
        db.exec('BEGIN');
      }
      if (seen.run(archiveNo, rowNumber).changes === 1) return undefined;
      return firstSeen.get(archiveNo) as number;
    },
    findByArchiveNos(archiveNos) {
      // Close markSeen's transaction first: the caller writes regions and people through another
      // connection next, and a read snapshot held open here would make the batch write fail.
      flushSeen();
      const found = new Map<string, StoredHousehold>();
      for (const no of archiveNos) {
        const row = find.get(no) as StoredHousehold | undefined;
        if (row) found.set(no, row);
      }
      return found;
    },
    writeBatch(rows, audits, meta) {
      write(rows, audits, sqliteTimestamp(meta.now), meta.actor);
      flushSeen();
    },
    close() {
      flushSeen();
      db.close();
    },
  };
}
