// Runs the household import against a temp database exactly as the CLI wires it.
import { importHouseholds, type ImportOptions } from '../../src/app/households/import-households.ts';
import type { ImportReport } from '../../src/core/households/import-report.ts';
import { openSqliteHouseholdStore } from '../../src/db/sqlite-household-store.ts';
import { openTableFile } from '../../src/files/open-table-file.ts';
import type { TempDb } from './temp-db.ts';

export const testNow = new Date('2026-11-20T02:00:00Z');

export async function runImport(
  db: TempDb,
  file: string,
  options: Partial<ImportOptions> = {},
  store: Parameters<typeof openSqliteHouseholdStore>[1] = {},
): Promise<ImportReport> {
  const households = openSqliteHouseholdStore(db.url, store);
  try {
    return await importHouseholds({ db: db.prisma, households }, () => openTableFile(file), {
      dryRun: false,
      strict: false,
      now: testNow,
      today: '2026-11-20',
      actor: 'test',
      fileName: file,
      ...options,
    });
  } finally {
    households.close();
  }
}

export async function seedOfficer(db: TempDb, data: { name: string; mobile?: string; email?: string; openId?: string }): Promise<number> {
  const p = await db.prisma.person.create({ data: { role: 'officer', ...data } });
  return p.id;
}
