// A real SQLite database in a temporary folder, migrated with the project's own migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../../src/db/apply-migrations.ts';
import { createPrisma, type Db } from '../../src/db/create-prisma.ts';

export interface TempDb {
  prisma: Db;
  url: string;
  file: string;
  dir: string;
  cleanup(): Promise<void>;
}

/** `busyTimeoutMs`: the Prisma client's busy timeout (default: the product's). */
export async function createTempDb(options: { busyTimeoutMs?: number } = {}): Promise<TempDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-test-'));
  const file = path.join(dir, 'test.db');
  applyMigrations(file, () => new Date('2026-01-01T00:00:00Z'));
  const url = `file:${file}`;
  const prisma = createPrisma(url, options);
  return {
    prisma,
    url,
    file,
    dir,
    cleanup: async () => {
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
