// The import's batches and transactions: rows checked a few at a time, written in transactions of
// several batches, the later ones by the store's writer thread. Small sizes here so a file of a few
// dozen rows goes through every path a million-row file takes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportOptions } from '../../src/app/households/import-households.ts';
import { hashRecord } from '../../src/app/households/household-record.ts';
import type { ImportReport } from '../../src/core/households/import-report.ts';
import { describeDbError } from '../../src/db/describe-db-error.ts';
import { runImport, seedOfficer } from '../helpers/import-fixture.ts';
import { householdHeader, householdRow, writeCsv } from '../helpers/table-files.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

let db: TempDb;
let dir: string;
beforeEach(async () => {
  db = await createTempDb();
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-import-tx-'));
  await seedOfficer(db, { name: '王芳', mobile: '13900000001' });
});
afterEach(async () => db.cleanup());

/** Rows checked 3 at a time, written in transactions of 7 rows or more (three batches: 9 rows). */
function importSmall(file: string, options: Partial<ImportOptions> = {}): Promise<ImportReport> {
  return runImport(db, file, { batchSize: 3, ...options }, { rowsPerTransaction: 7 });
}

const rows = (n: number, over: (i: number) => Partial<Record<string, unknown>> = () => ({})) =>
  Array.from({ length: n }, (_, i) => householdRow(i + 1, over(i + 1)));

function stored(): { archiveNo: string; persons: number; rowHash: string; [k: string]: unknown }[] {
  const sqlite = new Database(db.file, { readonly: true });
  try {
    return sqlite.prepare('SELECT * FROM households ORDER BY "archiveNo"').all() as never;
  } finally {
    sqlite.close();
  }
}

describe('import transactions', () => {
  it('writes every row of a file spanning many transactions, with the hash a re-import compares', async () => {
    const file = writeCsv(dir, 'many.csv', [householdHeader, ...rows(40)]);
    expect(await importSmall(file)).toMatchObject({ created: 40, rejected: 0 });
    const all = stored();
    expect(all).toHaveLength(40);
    for (const h of all) expect(h.rowHash).toBe(hashRecord(h as never));
    expect(await importSmall(file)).toMatchObject({ created: 0, updated: 0, unchanged: 40 });
  });

  it('rejects a repeat in a later batch or transaction with the row it repeats', async () => {
    const file = writeCsv(dir, 'repeats.csv', [householdHeader, ...rows(20), householdRow(2, { 户主姓名: '重复' }), householdRow(19)]);
    const r = await importSmall(file);
    expect(r).toMatchObject({ created: 20, rejected: 2 });
    expect(r.rejects.map((x) => [x.rowNumber, x.reasons[0]])).toEqual([
      [22, expect.stringMatching(/与第 3 行重复/)],
      [23, expect.stringMatching(/与第 20 行重复/)],
    ]);
  });

  it('updates changed rows with their audit events from the writer thread too', async () => {
    await importSmall(writeCsv(dir, 'a.csv', [householdHeader, ...rows(30)]));
    const changed = writeCsv(dir, 'b.csv', [householdHeader, ...rows(30, (i) => (i % 10 === 0 ? { 家庭人口: 7 } : {}))]);
    expect(await importSmall(changed)).toMatchObject({ created: 0, updated: 3, unchanged: 27 });
    expect(
      stored()
        .filter((h) => h.persons === 7)
        .map((h) => h.archiveNo),
    ).toEqual(['QJ-00010', 'QJ-00020', 'QJ-00030']);
    expect(await db.prisma.auditEvent.count({ where: { action: 'household.updated' } })).toBe(3);
  });

  it('a failed transaction writes nothing of itself; the ones before stay, none after is written, the error keeps its SQLite code', async () => {
    const sqlite = new Database(db.file);
    // Transactions take whole batches of 3 until they hold 7 rows or more: rows 1–9, 10–18, … The 12th
    // row fails, in the second transaction, the first one the writer thread writes.
    sqlite.exec(
      `CREATE TRIGGER refuse AFTER INSERT ON households WHEN NEW."archiveNo" = 'QJ-00012' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    sqlite.close();
    const file = writeCsv(dir, 'fails.csv', [householdHeader, ...rows(30)]);
    const error = await importSmall(file).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.message).toBe('refused');
    expect(error?.code).toBe('SQLITE_CONSTRAINT_TRIGGER');
    expect(describeDbError(error)).toBeUndefined(); // a constraint is a bug or bad data, not a fault to retry
    expect(stored().map((h) => h.archiveNo)).toEqual(rows(9).map((r) => r[0]));
    expect(await db.prisma.auditEvent.count({ where: { action: 'households.imported' } })).toBe(0);
  });

  it('--dry-run and --strict with a bad row still write nothing when the file spans many transactions', async () => {
    const file = writeCsv(dir, 'bad.csv', [householdHeader, ...rows(25), householdRow(99, { 家庭人口: 'abc' })]);
    expect(await importSmall(file, { dryRun: true })).toMatchObject({ created: 25, rejected: 1 });
    expect(await importSmall(file, { strict: true })).toMatchObject({ aborted: true, rejected: 1 });
    expect(stored()).toEqual([]);
  });
});
