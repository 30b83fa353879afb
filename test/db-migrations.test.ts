import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyMigrations, listMigrations } from '../src/db/apply-migrations.ts';
import { createTempDb } from './helpers/temp-db.ts';

describe('database migrations', () => {
  it('creates every table, switches to WAL, and applies nothing twice', async () => {
    const db = await createTempDb();
    try {
      const again = applyMigrations(db.file, () => new Date('2026-01-01T00:00:00Z'));
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toBe(listMigrations().length);
      const raw = new Database(db.file, { readonly: true });
      const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map(
        (t) => t.name,
      );
      expect(tables).toEqual(
        expect.arrayContaining([
          'regions',
          'people',
          'chats',
          'households',
          'flow_versions',
          'cases',
          'timers',
          'audit_events',
          'outbox',
          'inbound_events',
        ]),
      );
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.close();
      await db.prisma.region.create({ data: { code: '530000', name: '云南省', level: 'province', path: '/1/' } });
      expect(await db.prisma.region.count()).toBe(1);
    } finally {
      await db.cleanup();
    }
  });
});

describe('compatibility with the Prisma CLI', () => {
  it('prisma migrate status agrees that a database migrated in-process is up to date', async () => {
    const { execFileSync } = await import('node:child_process');
    const db = await createTempDb();
    try {
      const out = execFileSync('npx', ['prisma', 'migrate', 'status'], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: db.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(out).toMatch(/Database schema is up to date/);
    } finally {
      await db.cleanup();
    }
  });
});
