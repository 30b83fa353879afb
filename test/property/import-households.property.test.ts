// Property: any household spreadsheet (CSV in UTF-8 / UTF-8 BOM / GB18030, or .xlsx) goes through
// the real import (openTableFile → importHouseholds → SQLite) without an uncaught exception. A
// file-level problem is an AppError in Chinese and writes nothing; otherwise every data row is
// accounted for (imported + rejected = data rows given), every rejected row has its spreadsheet row
// number and a Chinese reason, a rejected row is not in the database, an accepted one is, and
// --strict with a bad row and --dry-run write nothing. Which columns the header names and which rows
// are blank is known from the generator; nothing is taken from the importer's own answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/app-error.ts';
import type { RejectedRow } from '../../src/core/households/import-report.ts';
import { runImport, seedOfficer } from '../helpers/import-fixture.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';
import { buildRows, filePlan, requiredFields, writePlan, type FilePlan } from './arbitraries-import.ts';
import { chinese } from './channel-app.ts';
import { runs } from './property-options.ts';

let db: TempDb;
let dir: string;
let observer: Database.Database;
beforeAll(async () => {
  db = await createTempDb();
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-import-property-'));
  await seedOfficer(db, { name: '王芳', mobile: '13900000001' });
});
afterAll(async () => {
  observer?.close();
  await db.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything an import may write, from a second connection (the importer writes through two of its own). */
function snapshot(): string {
  observer ??= new Database(db.file, { readonly: true, fileMustExist: true });
  const all = (sql: string) => observer.prepare(sql).all();
  return JSON.stringify({
    households: all('SELECT * FROM households ORDER BY id'),
    regions: all('SELECT * FROM regions ORDER BY id'),
    people: all('SELECT * FROM people ORDER BY id'),
    audit: all('SELECT id FROM audit_events ORDER BY id'),
  });
}

function archiveNos(): Set<string> {
  observer ??= new Database(db.file, { readonly: true, fileMustExist: true });
  return new Set(observer.prepare('SELECT "archiveNo" FROM households').pluck().all() as string[]);
}

/** The header is refused when a required column is missing or any field has two columns. */
function headerIsBad(plan: FilePlan): boolean {
  const count = (f: string) => plan.columns.filter((c) => c.field === f).length;
  return requiredFields.some((f) => count(f) === 0) || plan.columns.some((c) => c.field !== null && count(c.field) > 1);
}

/** A hung import (a reader that never ends) is a failure with a counterexample, not a test timeout. */
async function withinSeconds<T>(seconds: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the import did not finish within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([work, hung]);
  } finally {
    clearTimeout(timer);
  }
}

let runNo = 0;
/** What the runs reached, so the property cannot pass by refusing every file. */
const reached = { refusedFiles: 0, created: 0, rejectedRows: 0, xlsxRead: 0 };

async function checkImport(plan: FilePlan): Promise<void> {
  const prefix = `P${++runNo}X`;
  const rows = buildRows(plan, prefix);
  const file = await writePlan(plan, rows, dir, prefix);
  const rejected: RejectedRow[] = [];
  const before = snapshot();
  const storedBefore = archiveNos();
  let report;
  try {
    // Files of at most ten rows: 30 s is a hang even on a machine busy with two test files at once.
    report = await withinSeconds(
      30,
      runImport(db, file, {
        strict: plan.mode === 'strict',
        dryRun: plan.mode === 'dry-run',
        rejects: { header: () => {}, write: (row) => void rejected.push(row) },
      }),
    );
  } catch (error) {
    // Only a file-level problem may stop an import, as an AppError that says what to fix, in Chinese.
    if (!isAppError(error)) throw new Error(`the import crashed: ${(error as Error)?.stack ?? String(error)}`);
    reached.refusedFiles++;
    expect(error.message).toMatch(chinese);
    expect(snapshot(), 'a refused file wrote to the database').toBe(before);
    if (plan.corrupt !== null) return;
    const onlyBlank = rows.every((r) => !r.data) && plan.columns.every((c) => c.header.trim() === '');
    expect(headerIsBad(plan) || onlyBlank, `refused a file whose header is fine: ${error.message}`).toBe(true);
    return;
  }
  if (plan.corrupt === null) expect(headerIsBad(plan), 'took a file whose header misses a required column or repeats one').toBe(false);

  expect(report.created + report.updated + report.unchanged + report.rejected, 'imported + rejected = rows read').toBe(report.rowsRead);
  reached.created += report.created;
  reached.rejectedRows += report.rejected;
  if (plan.format === 'xlsx' && report.rowsRead > 0) reached.xlsxRead++;
  expect(rejected).toHaveLength(report.rejected);
  const rejectedNumbers = new Set(rejected.map((r) => r.rowNumber));
  expect(rejectedNumbers.size, 'a row rejected twice').toBe(rejected.length);
  for (const r of rejected) {
    expect(Number.isInteger(r.rowNumber) && r.rowNumber >= 2, `rejected row number ${r.rowNumber}`).toBe(true);
    expect(r.reasons.length, `row ${r.rowNumber} rejected without a reason`).toBeGreaterThan(0);
    for (const reason of r.reasons) expect(reason).toMatch(chinese);
  }
  const wrote = plan.mode === 'normal' || (plan.mode === 'strict' && report.rejected === 0);
  if (!wrote) {
    if (plan.mode === 'strict') expect(report.aborted).toBe(true);
    expect(snapshot(), `${plan.mode} wrote to the database`).toBe(before);
  }
  const stored = archiveNos();
  if (wrote) expect(stored.size - storedBefore.size, 'households created').toBe(report.created);
  // Damaged bytes: the rows are no longer the ones generated; what is checked above must still hold.
  if (plan.corrupt !== null || !wrote) return;

  const data = rows.filter((r) => r.data);
  const dataNumbers = new Set(data.map((r) => r.rowNumber));
  expect(report.rowsRead, 'rows read = data rows given').toBe(data.length);
  for (const r of rejected) expect(dataNumbers.has(r.rowNumber), `rejected row ${r.rowNumber} is not a data row of the file`).toBe(true);
  const accepted = data.filter((r) => !rejectedNumbers.has(r.rowNumber));
  for (const r of accepted) if (r.archiveNo) expect(stored.has(r.archiveNo), `accepted row ${r.rowNumber} is not stored`).toBe(true);
  const acceptedNos = new Set(accepted.map((r) => r.archiveNo));
  for (const r of data) {
    if (!rejectedNumbers.has(r.rowNumber) || !r.archiveNo || acceptedNos.has(r.archiveNo)) continue;
    expect(stored.has(r.archiveNo), `rejected row ${r.rowNumber} was stored`).toBe(false);
  }
}

describe('household import of generated spreadsheets (fast-check)', () => {
  it('never crashes, accounts for every data row, and writes nothing when it refuses', async () => {
    await fc.assert(fc.asyncProperty(filePlan, checkImport), runs(150));
    for (const [what, count] of Object.entries(reached)) expect(count, what).toBeGreaterThan(0);
    // Long only when it fails: shrinking a hang waits 10 s per candidate.
  }, 300_000);
});
