// Watches a test database from a second, read-only SQLite connection: `PRAGMA data_version` changes
// whenever another connection commits a write, so "nothing was written" is one cheap query, and a
// fingerprint of the tables the properties care about says what changed when something was.
import Database from 'better-sqlite3';

export interface DbWatch {
  /** Changes with every committed write by any other connection. */
  version(): number;
  /** Row counts, last ids and case versions: readable in a failure message. */
  fingerprint(): Record<string, number>;
  close(): void;
}

const watched = [
  'inbound_events',
  'cases',
  'audit_events',
  'outbox',
  'timers',
  'households',
  'regions',
  'people',
  'chats',
  'card_messages',
];

export function watchDb(file: string): DbWatch {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const counts = db.prepare(
    `SELECT ${watched.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}, (SELECT coalesce(max(rowid), 0) FROM ${t}) AS ${t}_max`).join(', ')},
            (SELECT coalesce(sum(version), 0) FROM cases) AS case_versions`,
  );
  return {
    version: () => dataVersion.get() as number,
    fingerprint: () => counts.get() as Record<string, number>,
    close: () => db.close(),
  };
}
