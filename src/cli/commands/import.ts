import path from 'node:path';
import type { Command } from 'commander';
import { importHouseholds } from '../../app/households/import-households.ts';
import type { ImportReport } from '../../core/households/import-report.ts';
import { localDate } from '../../core/time/local-date.ts';
import { openTableFile } from '../../files/open-table-file.ts';
import { writeRejectsCsv } from '../../files/write-rejects-csv.ts';
import type { TableSource } from '../../files/table-rows.ts';
import type { Db } from '../../db/create-prisma.ts';
import { describeDbError } from '../../db/describe-db-error.ts';
import { openSqliteHouseholdStore } from '../../db/sqlite-household-store.ts';
import { exitCodeForDbFault } from '../db-failure.ts';
import { openDatabase } from '../open-database.ts';
import { createProgress } from '../progress.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('导入困难职工家庭档案（.xlsx 或 .csv）：同一档案编号再次导入会更新，不会重复')
    .argument('<file>', '档案文件路径（.xlsx 或 .csv，UTF-8 或 GBK/GB18030 编码）')
    .option('--dry-run', '只检查并报告结果，不写入数据库')
    .option('--strict', '任何一行有误则整个文件都不导入')
    .option('--rejects <file>', '被拒绝行的 CSV 输出路径（默认：<文件名>.rejected.csv）')
    .action(async (file: string, opts: { dryRun?: boolean; strict?: boolean; rejects?: string }) => {
      const { config, db } = await openDatabase();
      const rejectsFile = opts.rejects ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.rejected.csv`);
      const rejects = writeRejectsCsv(rejectsFile);
      const households = openSqliteHouseholdStore(config.databaseUrl);
      const progress = createProgress();
      let source: TableSource | undefined;
      const now = new Date();
      try {
        const report = await importHouseholds({ db, households }, async () => (source = await openTableFile(file)), {
          dryRun: opts.dryRun === true,
          strict: opts.strict === true,
          now,
          today: localDate(now, config.timezone),
          actor: 'cli',
          fileName: path.basename(file),
          rejects,
          onProgress: (rows) => source && progress.update(source.bytesRead(), source.totalBytes, `已读 ${rows.toLocaleString('zh-CN')} 行`),
        });
        progress.stop();
        const written = await rejects.close();
        printReport(report, written > 0 ? rejectsFile : undefined);
        process.exitCode = report.rejected > 0 ? 2 : 0;
      } catch (error) {
        const fault = describeDbError(error);
        if (!fault) throw error;
        progress.stop();
        await rejects.close().catch(() => 0);
        console.error(`错误：${fault.message}`);
        console.error(await interruptedImportNote(db, now));
        process.exitCode = exitCodeForDbFault(fault);
      } finally {
        progress.stop();
        households.close();
        await db.$disconnect();
      }
    });
}

/**
 * The import commits one transaction per batch of rows (a million-row file must not hold the write
 * lock for minutes): the failed batch is rolled back whole, batches before it stay. Say which, so
 * the operator knows re-running the same file is safe (written households count as unchanged).
 */
async function interruptedImportNote(db: Db, now: Date): Promise<string> {
  const retry = '问题解决后重新导入同一文件即可：已写入的户会计为「未变」，不会重复';
  try {
    const kept = await db.household.count({ where: { updatedAt: now } });
    return kept === 0
      ? `导入中断：没有写入任何档案（中断的那一批已整体回滚）。${retry}。`
      : `导入中断：此前已完成的批次共写入 ${kept.toLocaleString('zh-CN')} 户，中断的那一批已整体回滚。${retry}。`;
  } catch {
    return `导入中断：中断的那一批已整体回滚，此前完成的批次已保留。${retry}。`;
  }
}

function printReport(r: ImportReport, rejectsFile: string | undefined): void {
  const n = (x: number) => x.toLocaleString('zh-CN');
  for (const w of r.warnings) console.log(`提示：${w}`);
  if (r.rejects.length > 0) {
    console.log(`\n有问题的行（共 ${n(r.rejected)} 行${r.rejected > 20 ? '，以下列出前 20 行' : ''}）：`);
    for (const row of r.rejects.slice(0, 20)) console.log(`  第 ${row.rowNumber} 行：${row.reasons.join('；')}`);
  }
  const head = r.aborted
    ? '严格模式（--strict）：文件中有错误行，未导入任何数据。'
    : r.dryRun
      ? '试运行（--dry-run）：未写入数据库。若正式导入，结果将是：'
      : '导入完成：';
  console.log(`\n${head}`);
  console.log(
    `  新建 ${n(r.created)} 户，更新 ${n(r.updated)} 户，未变 ${n(r.unchanged)} 户，拒绝 ${n(r.rejected)} 行` +
      (r.blankRows > 0 ? `，空行 ${n(r.blankRows)} 行已跳过` : ''),
  );
  if (r.peopleAdded > 0) console.log(`  名册新增责任人 ${n(r.peopleAdded)} 人（按手机号/邮箱添加，接入飞书后自动匹配账号）`);
  if (r.regionsAdded > 0) console.log(`  新增地区 ${n(r.regionsAdded)} 个`);
  if (rejectsFile) console.log(`  被拒绝的行已写入 ${rejectsFile}：按“错误原因”一栏修改后可直接重新导入该文件。`);
}
