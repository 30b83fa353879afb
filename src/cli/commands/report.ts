// `huhuqing report`: supervisors' figures (households and persons on file at a date) as a table,
// CSV or xlsx. The options are checked in core/reports; the figures come from app/build-report.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildReport } from '../../app/build-report.ts';
import { AppError } from '../../core/app-error.ts';
import { parseReportRequest, type ReportOptionsInput } from '../../core/reports/parse-report-request.ts';
import { checkReadiness } from '../../db/check-readiness.ts';
import { createPrisma } from '../../db/create-prisma.ts';
import { formatReportCsv } from '../../files/format-report-csv.ts';
import { formatReportTable } from '../../files/format-report-table.ts';
import { loadConfig } from '../load-config.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('督查报表：某日在档的困难职工户数、人数，按档案级别、地区、致困原因、困难类型或办理状态汇总')
    .option('--at <date>', '统计日期 YYYY-MM-DD（默认今天）')
    .option('--since <date>', '与较早日期比较：增加该日数字、变化、新建档与销档')
    .option('--by <dimension>', '汇总维度：level（档案级别，默认）| region（地区）| cause（致困原因）| tier（困难类型）| state（办理状态）')
    .option('--region <name or code>', '只统计某地区及其下级，如 曲靖市 或 530300')
    .option('--format <format>', '输出格式：table | csv | xlsx（默认按 --out 的扩展名，否则 table）')
    .option('--out <file>', '写入文件（xlsx 必须指定）；不指定则输出到终端')
    .action(async (options: ReportOptionsInput) => {
      const config = loadConfig();
      const request = parseReportRequest(options, todayIn(config.timezone, new Date()));
      // Checked first so a mistyped DATABASE_URL is reported instead of silently creating an empty file.
      const readiness = checkReadiness(config.databaseUrl);
      if (!readiness.ready) {
        throw new AppError(
          'database_unavailable',
          `无法生成报表（DATABASE_URL=${config.databaseUrl}）：${readiness.problems.join('；')}；请检查 DATABASE_URL，新数据库先运行 huhuqing migrate`,
        );
      }
      const db = createPrisma(config.databaseUrl);
      try {
        const report = await buildReport({ db, timezone: config.timezone }, request);
        if (request.format === 'xlsx' && request.out !== null) {
          // Loaded here, not at the top: every command (serve too) imports this file, exceljs is ~15 MB.
          const { writeReportXlsx } = await import('../../files/write-report-xlsx.ts');
          await writeReportXlsx(report, request.out);
        } else {
          const text = request.format === 'csv' ? formatReportCsv(report) : formatReportTable(report);
          if (request.out === null) process.stdout.write(text);
          else await writeFile(request.out, text, 'utf8');
        }
        if (request.out !== null) console.error(`已写入 ${request.out}：${report.title}`);
      } finally {
        await db.$disconnect();
      }
    });
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function todayIn(timezone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
