// Applies prisma/migrations/*/migration.sql in order, recording them in `_prisma_migrations`
// exactly as `prisma migrate deploy` does (same table, same sha256 checksums), so both tools agree.
// It runs in-process: no CLI start-up, and it works offline. A database that wrangler migrated
// (a local D1 file, or a copy of a D1 export) records them in `d1_migrations` instead, by file
// name (migrations/<name>.sql, the flat mirror): those count as applied too, so the CLI works on it.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../core/app-error.ts';
import { isD1File } from './is-d1-file.ts';

export const defaultMigrationsDir = path.resolve(import.meta.dirname, '../../prisma/migrations');

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = defaultMigrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** `now` stamps the `_prisma_migrations` rows (the caller's clock: this module reads none). */
export function applyMigrations(file: string, now: () => Date, dir = defaultMigrationsDir): MigrationResult {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 5000 });
  } catch (error) {
    throw new AppError('database_unavailable', `无法打开数据库文件 ${file}：${(error as Error).message}。请检查 DATABASE_URL 与目录权限`);
  }
  try {
    if (!isD1File(db)) db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const done = new Map(
      (
        db
          .prepare('SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
          .all() as { migration_name: string; checksum: string }[]
      ).map((r) => [r.migration_name, r.checksum]),
    );
    const byWrangler = d1Applied(db);
    const applied: string[] = [];
    for (const m of listMigrations(dir)) {
      if (byWrangler.has(m.name)) continue;
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) {
          throw new AppError(
            'migration_failed',
            `迁移 ${m.name} 在应用后被修改过（校验和不一致）。请恢复该迁移文件，改动请写成新的迁移（npm run db:migration -- <名称>）`,
          );
        }
        continue;
      }
      const started = now().toISOString();
      const run = db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
        ).run(randomUUID(), m.checksum, now().toISOString(), m.name, started);
      });
      try {
        run();
      } catch (error) {
        throw new AppError('migration_failed', `迁移 ${m.name} 执行失败：${(error as Error).message}。数据库未改动；请修正后重试`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: new Set([...done.keys(), ...byWrangler]).size };
  } finally {
    db.close();
  }
}

/** Names of migrations on disk that the database has not applied yet. */
export function pendingMigrations(db: Database.Database, dir = defaultMigrationsDir): string[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  const done = hasTable
    ? new Set(
        (
          db.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').all() as {
            migration_name: string;
          }[]
        ).map((r) => r.migration_name),
      )
    : new Set<string>();
  const byWrangler = d1Applied(db);
  return listMigrations(dir)
    .map((m) => m.name)
    .filter((n) => !done.has(n) && !byWrangler.has(n));
}

/** Migrations `wrangler d1 migrations apply` recorded (d1_migrations.name is "<name>.sql"). */
function d1Applied(db: Database.Database): Set<string> {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'").get();
  if (!hasTable) return new Set();
  return new Set((db.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((r) => r.name.replace(/\.sql$/, '')));
}
