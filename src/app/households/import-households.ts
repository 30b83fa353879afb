// import-households: streams a household file, normalises and validates every row, resolves
// regions and officers 2,000 rows at a time, and hands good rows to the store, which writes them in
// transactions of about 10,000 rows while the next rows are read. Bad rows are reported with their
// spreadsheet row number; --strict writes nothing when any row is bad; --dry-run never writes.
import { AppError } from '../../core/app-error.ts';
import { mapHeaders, fieldLabel, type FieldKey } from '../../core/households/columns.ts';
import { classifyOfficerRef } from '../../core/households/parse-fields.ts';
import { validateHouseholdRow } from '../../core/households/validate-household-row.ts';
import type { HouseholdInput } from '../../core/households/household.ts';
import type { Db } from '../../db/create-prisma.ts';
import type { HouseholdAudit, HouseholdBatchStore, HouseholdRecord, NewHousehold } from '../../core/ports/household-batch-store.ts';
import type { TableSource } from '../../files/table-rows.ts';
import { OfficerDirectory, type OfficerResolution } from '../people/officer-directory.ts';
import { nationalDivisions } from '../regions/national-divisions.ts';
import { RegionResolver, type RegionResolution } from '../regions/region-resolver.ts';
import { changedFields, hashRecord, toHouseholdValues } from './household-record.ts';
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
  /** Rows checked against the file's earlier rows and the database at a time (default 2,000). */
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
  const resolve = memoizedPlaces(regions, officers);
  const batchSize = options.batchSize ?? 2000;
  let fields: (FieldKey | null)[] | undefined;
  let batch: Pending[] = [];

  const reject = async (row: RejectedRow) => {
    report.rejected++;
    if (report.rejects.length < rejectsKeptInReport) report.rejects.push(row);
    await options.rejects?.write(row);
  };

  try {
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
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        if (f) cells[f] = values[i];
      }
      const checked = validateHouseholdRow(cells, options.today);
      if (!checked.ok) await reject({ rowNumber, values, reasons: checked.errors });
      else batch.push({ rowNumber, values, input: checked.value });
      if (batch.length >= batchSize) {
        await classifyBatch(deps.households, batch, resolve, report, reject, options);
        batch = [];
      }
      if (report.rowsRead % 5000 === 0) options.onProgress?.(report.rowsRead);
    }
    if (!fields) throw new AppError('file_format', '文件是空的：第 1 行应为表头（档案编号、档案级别、省、市、县区……）');
    if (batch.length > 0) await classifyBatch(deps.households, batch, resolve, report, reject, options);
    await deps.households.flush();
  } catch (error) {
    // What was handed over before the failure is written (or fails on its own), as a batch written
    // before it would have been: wait for it, then report the failure.
    await deps.households.flush().catch(() => {});
    throw error;
  }
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

/** Rejects repeats and rows whose region or officer cannot be resolved; hands new and changed rows to the store. */
async function classifyBatch(
  store: HouseholdBatchStore,
  pending: Pending[],
  resolve: ResolvePlace,
  report: ImportReport,
  reject: (row: RejectedRow) => Promise<void>,
  options: ImportOptions,
): Promise<void> {
  // A repeat is judged among the rows that passed validation, in file order (as the admin reads the file).
  const firstSeen = store.markSeen(
    pending.map((p) => p.input.archiveNo),
    pending.map((p) => p.rowNumber),
  );
  const batch: Pending[] = [];
  for (let i = 0; i < pending.length; i++) {
    const p = pending[i] as Pending;
    const first = firstSeen[i];
    if (first === undefined) batch.push(p);
    else {
      await reject({
        rowNumber: p.rowNumber,
        values: p.values,
        reasons: [`${fieldLabel('archive_no')}「${p.input.archiveNo}」与第 ${first} 行重复：同一文件中每户只能出现一次`],
      });
    }
  }
  const existing = store.findByArchiveNos(batch.map((p) => p.input.archiveNo));
  const created: NewHousehold[] = [];
  const updated: HouseholdRecord[] = [];
  const audits: HouseholdAudit[] = [];
  for (const p of batch) {
    const resolving = resolve(p.input);
    const place = resolving instanceof Promise ? await resolving : resolving;
    if (!place.ok) {
      await reject({ rowNumber: p.rowNumber, values: p.values, reasons: place.reasons });
      continue;
    }
    const before = existing.get(p.input.archiveNo);
    const values = toHouseholdValues(p.input, place.regionId, place.officerId, p.input.filedOn ?? before?.filedOn ?? options.today);
    if (!before) {
      // A new row's hash is computed by the store as it writes it, off this thread.
      report.created++;
      created.push(values);
      continue;
    }
    const record = { ...values, rowHash: hashRecord(values) };
    if (before.rowHash !== record.rowHash) {
      report.updated++;
      updated.push(record);
      audits.push({ householdId: before.id, ...changedFields(before, record) });
    } else {
      report.unchanged++;
    }
  }
  if (options.dryRun || created.length + updated.length === 0) return;
  await store.writeBatch({ created, updated, audits }, { now: options.now, actor: options.actor });
}

type Place = { ok: true; regionId: number; officerId: number | null } | { ok: false; reasons: string[] };
type ResolvePlace = (input: HouseholdInput) => Place | Promise<Place>;

/**
 * A row's region and officer. Both resolvers answer a name they have seen before from memory, but
 * through a promise each; a file names a few dozen counties and a few hundred officers, so their
 * answers are kept here by name and most rows resolve without awaiting anything.
 */
function memoizedPlaces(regions: RegionResolver, officers: OfficerDirectory): ResolvePlace {
  const regionOf = new Map<string, RegionResolution>();
  const officerOf = new Map<string, OfficerResolution>();
  const limit = 10_000; // a file naming more distinct places than this is resolved without the memo
  const remember = <T>(map: Map<string, T>, key: string, value: T) => {
    if (map.size < limit) map.set(key, value);
    return value;
  };
  const combine = (region: RegionResolution, officer: OfficerResolution | null): Place => {
    if (!region.ok) return { ok: false, reasons: [region.reason] };
    if (officer && !officer.ok) return { ok: false, reasons: [officer.reason] };
    return { ok: true, regionId: region.regionId, officerId: officer?.ok ? officer.personId : null };
  };
  const slow = async (input: HouseholdInput, key: string, cachedRegion: RegionResolution | undefined): Promise<Place> => {
    const region = cachedRegion ?? remember(regionOf, key, await regions.resolveCounty(input.province, input.city, input.county));
    if (!region.ok || !input.officer) return combine(region, null);
    // A mobile or email not yet on the roster adds that person, in the region of the first row naming them.
    const officer =
      officerOf.get(input.officer) ??
      remember(officerOf, input.officer, await officers.resolve(classifyOfficerRef(input.officer), region.regionId));
    return combine(region, officer);
  };
  return (input) => {
    const key = `${input.province}\u0000${input.city}\u0000${input.county}`;
    const region = regionOf.get(key);
    if (region === undefined) return slow(input, key, undefined);
    if (!region.ok || !input.officer) return combine(region, null);
    const officer = officerOf.get(input.officer);
    return officer === undefined ? slow(input, key, region) : combine(region, officer);
  };
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
