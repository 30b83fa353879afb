// One set of SQL migrations for Node and D1: migrations/ (wrangler's flat layout) must be the
// byte-for-byte mirror of prisma/migrations (npm run db:migration writes both; npm run
// db:d1-mirror repairs the mirror), and a database wrangler migrated is one the Node side accepts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkD1Mirror, expectedD1Files } from '../scripts/d1-migrations.ts';
import { applyMigrations, listMigrations } from '../src/db/apply-migrations.ts';
import { checkReadiness } from '../src/db/check-readiness.ts';

describe('the D1 migrations mirror', () => {
  it('is in sync with prisma/migrations (run `npm run db:d1-mirror` if not)', () => {
    expect(checkD1Mirror()).toEqual([]);
    expect([...expectedD1Files().keys()]).toEqual(listMigrations().map((m) => `${m.name}.sql`));
  });

  it('a database migrated as wrangler does (d1_migrations) is taken as migrated on Node', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'huhuqing-d1-')), 'd1.sqlite');
    const raw = new Database(file);
    raw.exec(
      'CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)',
    );
    for (const [name, sql] of expectedD1Files()) {
      raw.exec(sql);
      raw.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(name);
    }
    raw.close();
    const r = applyMigrations(file, () => new Date('2026-01-01T00:00:00Z'));
    expect(r.applied).toEqual([]);
    expect(r.alreadyApplied).toBe(listMigrations().length);
    expect(checkReadiness(`file:${file}`)).toEqual({ ready: true, problems: [] });
  });
});
