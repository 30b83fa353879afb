// Turns the report command's raw options into a checked request; every mistake is an AppError
// ('invalid_argument') whose message says how to fix it.
import { AppError } from '../app-error.ts';
import { parseReportDate } from './parse-report-date.ts';
import { dimensionLabels, reportDimensions, reportFormats, type ReportDimension, type ReportFormat } from './report-types.ts';

export interface ReportOptionsInput {
  at?: string | undefined;
  since?: string | undefined;
  by?: string | undefined;
  region?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
}

export interface ReportRequest {
  at: string;
  since: string | null;
  by: ReportDimension;
  region: string | null;
  format: ReportFormat;
  out: string | null;
  /** True when `at` is today: the state report then reads Case.state instead of replaying the audit trail. */
  atIsToday: boolean;
}

export function parseReportRequest(input: ReportOptionsInput, today: string): ReportRequest {
  const at = input.at === undefined ? today : parseReportDate('--at', input.at);
  const since = input.since === undefined ? null : parseReportDate('--since', input.since);
  if (since !== null && since >= at) {
    throw new AppError('invalid_argument', `--since（${since}）须早于 --at（${at}）：比较的是较早日期到较晚日期的变化`);
  }
  const by = pickDimension(input.by);
  const out = nonEmpty(input.out);
  const format = pickFormat(input.format, out);
  if (format === 'xlsx' && out === null) {
    throw new AppError('invalid_argument', 'xlsx 格式须写入文件：请加上 --out <文件名>，例如 --out 报表.xlsx');
  }
  return { at, since, by, region: nonEmpty(input.region), format, out, atIsToday: at === today };
}

function pickDimension(value: string | undefined): ReportDimension {
  if (value === undefined) return 'level';
  const v = value.trim().toLowerCase();
  if ((reportDimensions as readonly string[]).includes(v)) return v as ReportDimension;
  const choices = reportDimensions.map((d) => `${d}（${dimensionLabels[d]}）`).join('、');
  throw new AppError('invalid_argument', `--by 的取值「${value}」无效：可选 ${choices}`);
}

// Without --format, the --out file's extension decides (.xlsx, .csv); otherwise a table.
function pickFormat(value: string | undefined, out: string | null): ReportFormat {
  if (value === undefined) {
    const ext = out?.toLowerCase().match(/\.(xlsx|csv)$/)?.[1];
    return ext === 'xlsx' || ext === 'csv' ? ext : 'table';
  }
  const v = value.trim().toLowerCase();
  if ((reportFormats as readonly string[]).includes(v)) return v as ReportFormat;
  throw new AppError('invalid_argument', `--format 的取值「${value}」无效：可选 table（表格）、csv、xlsx`);
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}
