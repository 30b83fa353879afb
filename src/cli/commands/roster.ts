import path from 'node:path';
import type { Command } from 'commander';
import { importRoster } from '../../app/roster/import-roster.ts';
import { openTableFile } from '../../files/open-table-file.ts';
import { openDatabase } from '../open-database.ts';

export function registerRoster(program: Command): void {
  const roster = program.command('roster').description('名册：人员（责任人、督查员、管理员）与群聊');
  roster
    .command('import')
    .description('导入名册（.xlsx 或 .csv）：按 open_id/手机/邮箱匹配人员、按群ID匹配群聊，再次导入会更新')
    .argument('<file>', '名册文件路径')
    .option('--dry-run', '只检查并报告结果，不写入数据库')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const { db } = await openDatabase();
      try {
        const r = await importRoster(db, await openTableFile(file), {
          dryRun: opts.dryRun === true,
          now: new Date(),
          actor: 'cli',
          fileName: path.basename(file),
        });
        for (const w of r.warnings) console.log(`提示：${w}`);
        for (const row of r.rejects) console.log(`  第 ${row.rowNumber} 行：${row.reasons.join('；')}`);
        console.log(r.dryRun ? '试运行（--dry-run）：未写入数据库。若正式导入，结果将是：' : '名册导入完成：');
        console.log(`  人员：新建 ${r.people.created}，更新 ${r.people.updated}，未变 ${r.people.unchanged}`);
        console.log(`  群聊：新建 ${r.chats.created}，更新 ${r.chats.updated}，未变 ${r.chats.unchanged}`);
        if (r.rejected > 0) console.log(`  拒绝 ${r.rejected} 行（见上）：修改后重新导入即可，已导入的不会重复`);
        process.exitCode = r.rejected > 0 ? 2 : 0;
      } finally {
        await db.$disconnect();
      }
    });
}
