// The console's household imports as background jobs: the uploaded file (already on disk) goes
// through the same importer as `huhuqing import` (transactional batches, dry run, the rejected-rows
// CSV), while the page polls the job for its progress. Only the progress display lives in this
// process's memory; what the import writes is in the database as with the CLI. A job, its upload
// and its error report are forgotten (and the files deleted) after `keepMs`. One import runs at a
// time per process: two imports writing the same tables would only wait for each other.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { isAppError } from '../../core/app-error.ts';
import type { ImportReport } from '../../core/households/import-report.ts';
import type { Logger } from '../../core/logger.ts';
import type { HouseholdBatchStore } from '../../core/ports/household-batch-store.ts';
import { localDate } from '../../core/time/local-date.ts';
import type { Db } from '../../db/create-prisma.ts';
import { openTableFile } from '../../files/open-table-file.ts';
import type { TableSource } from '../../files/table-rows.ts';
import type { TempUpload } from '../../files/temp-upload.ts';
import { writeRejectsCsv } from '../../files/write-rejects-csv.ts';
import { importHouseholds } from '../households/import-households.ts';

export interface ImportJob {
  id: string;
  personId: number;
  fileName: string;
  fileBytes: number;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  /** Data rows read so far (the importer reports every 5,000 rows and at the end). */
  rowsRead: number;
  report: ImportReport | null;
  /** What went wrong, in words for the admin (a bad header, an unreadable file). */
  error: string | null;
  errorDetails: readonly string[];
  /** The rejected-rows CSV, when some rows were rejected. */
  rejectsFile: string | null;
}

export interface ImportJobStatus {
  id: string;
  status: ImportJob['status'];
  fileName: string;
  dryRun: boolean;
  /** 0–100: bytes of the file read so far (100 once finished). */
  percent: number;
  rowsRead: number;
  result: {
    created: number;
    updated: number;
    unchanged: number;
    rejected: number;
    blankRows: number;
    peopleAdded: number;
    regionsAdded: number;
    warnings: string[];
  } | null;
  error: string | null;
  /** The rejected rows can be downloaded (as the CLI's <file>.rejected.csv). */
  hasRejects: boolean;
}

export interface ImportJobsDeps {
  db: Db;
  openStore: () => Promise<HouseholdBatchStore>;
  now: () => Date;
  /** The clock jobs are kept by (real time: sandbox time travel must not drop them); default `now`. */
  keepClock?: () => Date;
  timezone: string;
  logger?: Logger;
  /** How long a finished job (and its error report) stays; default 24 hours. */
  keepMs?: number;
}

interface Entry {
  job: ImportJob;
  upload: TempUpload;
  source: TableSource | null;
  expires: number;
}

export interface ImportJobs {
  /** The import still running in this process, if any. */
  running(): ImportJob | undefined;
  start(input: { personId: number; fileName: string; fileBytes: number; dryRun: boolean; upload: TempUpload }): ImportJob;
  get(id: string): ImportJob | undefined;
  status(job: ImportJob): ImportJobStatus;
  /** Resolves when the job has finished (tests, shutdown). */
  settled(id: string): Promise<void>;
}

export function createImportJobs(deps: ImportJobsDeps): ImportJobs {
  const keepMs = deps.keepMs ?? 24 * 3600_000;
  const keepNow = () => (deps.keepClock ?? deps.now)().getTime();
  const entries = new Map<string, Entry>();
  const done = new Map<string, Promise<void>>();

  const forgetExpired = () => {
    const now = keepNow();
    for (const [id, e] of entries)
      if (e.job.status !== 'running' && e.expires <= now) {
        entries.delete(id);
        done.delete(id);
        void e.upload.remove();
      }
  };

  const run = async (entry: Entry) => {
    const { job, upload } = entry;
    const rejectsFile = path.join(upload.dir, 'rejected.csv');
    const rejects = writeRejectsCsv(rejectsFile);
    let store: HouseholdBatchStore | undefined;
    try {
      store = await deps.openStore();
      const now = deps.now();
      const report = await importHouseholds(
        { db: deps.db, households: store },
        async () => (entry.source = await openTableFile(upload.file)),
        {
          dryRun: job.dryRun,
          strict: false,
          now,
          today: localDate(now, deps.timezone),
          actor: `person:${job.personId}`,
          source: 'console',
          fileName: job.fileName,
          rejects,
          onProgress: (rows) => {
            job.rowsRead = rows;
          },
        },
      );
      const written = await rejects.close();
      job.report = report;
      job.rowsRead = report.rowsRead;
      job.rejectsFile = written > 0 ? rejectsFile : null;
      job.status = 'done';
    } catch (error) {
      await rejects.close().catch(() => 0);
      job.status = 'failed';
      if (isAppError(error)) {
        job.error = error.message;
        job.errorDetails = error.details;
      } else {
        job.error = '导入时服务器出错，已记录日志：请稍后重试，或用命令行 huhuqing import 导入并查看详细信息';
        deps.logger?.error({ err: (error as Error).message, job: job.id }, 'console import failed');
      }
    } finally {
      store?.close();
      job.finishedAt = deps.now();
      entry.expires = keepNow() + keepMs;
      // The upload itself is not needed any more; the error report stays for download.
      await rm(upload.file, { force: true }).catch(() => undefined);
    }
  };

  return {
    running: () => [...entries.values()].find((e) => e.job.status === 'running')?.job,
    start(input) {
      forgetExpired();
      const job: ImportJob = {
        id: crypto.randomUUID(),
        personId: input.personId,
        fileName: input.fileName,
        fileBytes: input.fileBytes,
        dryRun: input.dryRun,
        status: 'running',
        startedAt: deps.now(),
        finishedAt: null,
        rowsRead: 0,
        report: null,
        error: null,
        errorDetails: [],
        rejectsFile: null,
      };
      const entry: Entry = { job, upload: input.upload, source: null, expires: Number.POSITIVE_INFINITY };
      entries.set(job.id, entry);
      done.set(job.id, run(entry));
      return job;
    },
    get(id) {
      forgetExpired();
      return entries.get(id)?.job;
    },
    status(job) {
      const source = entries.get(job.id)?.source ?? null;
      const percent =
        job.status !== 'running'
          ? 100
          : source && source.totalBytes > 0
            ? Math.min(99, Math.floor((source.bytesRead() / source.totalBytes) * 100))
            : 0;
      const r = job.report;
      return {
        id: job.id,
        status: job.status,
        fileName: job.fileName,
        dryRun: job.dryRun,
        percent,
        rowsRead: job.rowsRead,
        result: r
          ? {
              created: r.created,
              updated: r.updated,
              unchanged: r.unchanged,
              rejected: r.rejected,
              blankRows: r.blankRows,
              peopleAdded: r.peopleAdded,
              regionsAdded: r.regionsAdded,
              warnings: r.warnings,
            }
          : null,
        error: job.error,
        hasRejects: job.rejectsFile !== null,
      };
    },
    settled: async (id) => {
      await done.get(id);
    },
  };
}
