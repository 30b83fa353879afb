// import-households: streams a household file, normalises and validates every row, resolves
// regions and officers, and writes good rows in one transaction per batch. Bad rows are reported
// with their spreadsheet row number; --strict writes nothing when any row is bad; --dry-run never writes.
import { AppError } from '../../core/app-error.ts';
import { mapHeaders, fieldLabel, type FieldKey } from '../../core/households/columns.ts';
import { classifyOfficerRef } from '../../core/households/parse-fields.ts';
import { validateHouseholdRow } from '../../core/households/validate-household-row.ts';
import type { HouseholdInput } from '../../core/households/household.ts';
import type { Db } from '../../db/create-prisma.ts';
import type { HouseholdAudit, HouseholdBatchStore, HouseholdRecord } from '../../core/ports/household-batch-store.ts';
import type { TableSource } from '../../files/table-rows.ts';
import { OfficerDirectory } from '../people/officer-directory.ts';
import { nationalDivisions } from '../regions/national-divisions.ts';
import { RegionResolver } from '../regions/region-resolver.ts';
import { changedFields, toHouseholdRecord } from './household-record.ts';
import {
  emptyReport,
  rejectsKeptInReport,
  type ImportReport,
  type RejectedRow,
  type RejectSink,
} from '../../core/households/import-report.ts';

export interface ImportOptions {
  dryRun: boolean;
  strict: boolean;
  now: Date;
  today: string; // YYYY-MM-DD in the deployment's time zone
  actor: string;
  /** audit_events.source of the run's own event (households.imported); default 'import'. */
  source?: string;
  fileName: string;
  batchSize?: number;
  rejects?: RejectSink;
  onProgress?: (rowsRead: number) => void;
}

export interface ImportDeps {
  db: Db;
  households: HouseholdBatchStore;
}

export async function importHouseholds(deps: ImportDeps, open: () => Promise<TableSource>, options: ImportOptions): Promise<ImportReport> {
  if (options.strict && !options.dryRun) {
    const check = await runImport(deps, await open(), { ...options, dryRun: true });
    if (check.rejected > 0) return { ...check, dryRun: false, aborted: true };
    return runImport(deps, await open(), { ...options, rejects: undefined });
  }
  return runImport(deps, await open(), options);
}

interface Pending {
  rowNumber: number;
  values: unknown[];
  input: HouseholdInput;
}

async function runImport(deps: ImportDeps, source: TableSource, options: ImportOptions): Promise<ImportReport> {
  const { db } = deps;
  deps.households.startRun();
  const report = emptyReport(options.dryRun, options.strict);
  const regions = new RegionResolver(db, nationalDivisions(), options.dryRun);
  const officers = new OfficerDirectory(db, options.dryRun, options.now);
  const batchSize = options.batchSize ?? 2000;
  let fields: (FieldKey | null)[] | undefined;
  let batch: Pending[] = [];

  const reject = async (row: RejectedRow) => {
    report.rejected++;
    if (report.rejects.length < rejectsKeptInReport) report.rejects.push(row);
    await options.rejects?.write(row);
  };

  let lastRow = 0;
  for await (const { rowNumber, values } of source.rows()) {
    // xlsx readers skip empty rows entirely: count the gap in row numbers as blank rows too.
    if (fields) report.blankRows += Math.max(0, rowNumber - lastRow - 1);
    lastRow = rowNumber;
    if (values.every(isBlank)) {
      if (fields) report.blankRows++;
      continue;
    }
    if (!fields) {
      fields = readHeader(values, report);
      await options.rejects?.header(values);
      continue;
    }
    report.rowsRead++;
    const cells: Partial<Record<FieldKey, unknown>> = {};
    fields.forEach((f, i) => {
      if (f) cells[f] = values[i];
    });
    const checked = validateHouseholdRow(cells, options.today);
    if (!checked.ok) {
      await reject({ rowNumber, values, reasons: checked.errors });
    } else {
      const first = deps.households.markSeen(checked.value.archiveNo, rowNumber);
      if (first !== undefined) {
        await reject({
          rowNumber,
          values,
          reasons: [`${fieldLabel('archive_no')}「${checked.value.archiveNo}」与第 ${first} 行重复：同一文件中每户只能出现一次`],
        });
      } else {
        batch.push({ rowNumber, values, input: checked.value });
      }
    }
    if (batch.length >= batchSize) {
      await writeBatch(deps.households, batch, regions, officers, report, reject, options);
      batch = [];
    }
    if (report.rowsRead % 5000 === 0) options.onProgress?.(report.rowsRead);
  }
  if (!fields) throw new AppError('file_format', '文件是空的：第 1 行应为表头（档案编号、档案级别、省、市、县区……）');
  if (batch.length > 0) await writeBatch(deps.households, batch, regions, officers, report, reject, options);
  report.peopleAdded = officers.created;
  report.regionsAdded = regions.created;
  options.onProgress?.(report.rowsRead);
  if (!options.dryRun) await writeRunAudit(db, report, options);
  return report;
}

function readHeader(values: unknown[], report: ImportReport): (FieldKey | null)[] {
  const mapped = mapHeaders(values);
  const problems: string[] = [];
  if (mapped.missing.length > 0) problems.push(`缺少必填列：${mapped.missing.map(fieldLabel).join('、')}`);
  if (mapped.duplicated.length > 0) problems.push(`这些列出现了不止一次：${mapped.duplicated.map(fieldLabel).join('、')}`);
  if (problems.length > 0) {
    throw new AppError(
      'file_format',
      `表头（第 1 行）不符合导入格式：${problems.join('；')}。请按导入模板填写表头（中文或英文列名均可）`,
      problems,
    );
  }
  if (mapped.unknown.length > 0) report.warnings.push(`已忽略无法识别的列：${mapped.unknown.join('、')}`);
  return mapped.fields;
}

async function writeBatch(
  store: HouseholdBatchStore,
  batch: Pending[],
  regions: RegionResolver,
  officers: OfficerDirectory,
  report: ImportReport,
  reject: (row: RejectedRow) => Promise<void>,
  options: ImportOptions,
): Promise<void> {
  const existing = store.findByArchiveNos(batch.map((p) => p.input.archiveNo));
  const writes: HouseholdRecord[] = [];
  const audits: HouseholdAudit[] = [];
  for (const p of batch) {
    const reasons: string[] = [];
    const region = await regions.resolveCounty(p.input.province, p.input.city, p.input.county);
    if (!region.ok) reasons.push(region.reason);
    let officerId: number | null = null;
    if (p.input.officer && region.ok) {
      const officer = await officers.resolve(classifyOfficerRef(p.input.officer), region.regionId);
      if (officer.ok) officerId = officer.personId;
      else reasons.push(officer.reason);
    }
    if (!region.ok || reasons.length > 0) {
      await reject({ rowNumber: p.rowNumber, values: p.values, reasons });
      continue;
    }
    const before = existing.get(p.input.archiveNo);
    const record = toHouseholdRecord(p.input, region.regionId, officerId, p.input.filedOn ?? before?.filedOn ?? options.today);
    if (!before) {
      report.created++;
      writes.push(record);
    } else if (before.rowHash !== record.rowHash) {
      report.updated++;
      writes.push(record);
      audits.push({ householdId: before.id, ...changedFields(before, record) });
    } else {
      report.unchanged++;
    }
  }
  if (options.dryRun || writes.length === 0) return;
  store.writeBatch(writes, audits, { now: options.now, actor: options.actor });
}

async function writeRunAudit(db: Db, report: ImportReport, options: ImportOptions): Promise<void> {
  await db.auditEvent.create({
    data: {
      at: options.now,
      actor: options.actor,
      source: options.source ?? 'import',
      action: 'households.imported',
      after: {
        file: options.fileName,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
        peopleAdded: report.peopleAdded,
        regionsAdded: report.regionsAdded,
      },
    },
  });
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}
