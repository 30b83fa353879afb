// A SQLite file that wrangler migrated (a local D1 database, or a copy of a D1 export) keeps its
// rollback journal: workerd opens it through its own VFS, which has no WAL shared memory.
import type Database from 'better-sqlite3';

export function isD1File(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'").get() !== undefined;
}
