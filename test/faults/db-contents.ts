// Every row of every table of a SQLite file, read through a separate read-only connection (in WAL
// mode it reads while another process holds the write lock): "nothing half-written" is then
// `expect(after).toEqual(before)`, whatever table a half-done operation would have touched.
import Database from 'better-sqlite3';

export type DbContents = Record<string, unknown[]>;

export function readDbContents(file: string, options: { except?: string[] } = {}): DbContents {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const contents: DbContents = {};
    for (const table of tables) {
      if (options.except?.includes(table)) continue;
      contents[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
    }
    return contents;
  } finally {
    db.close();
  }
}

export function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}
