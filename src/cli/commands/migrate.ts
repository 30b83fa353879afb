import type { Command } from 'commander';
import { applyMigrations } from '../../db/apply-migrations.ts';
import { sqlitePath } from '../../db/sqlite-path.ts';
import { loadConfig } from '../load-config.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('应用数据库迁移（新建数据库文件也用它）')
    .action(() => {
      const config = loadConfig();
      const file = sqlitePath(config.databaseUrl);
      const r = applyMigrations(file, () => new Date());
      console.log(
        r.applied.length === 0
          ? `数据库 ${file} 已是最新（${r.alreadyApplied} 个迁移）。`
          : `已应用 ${r.applied.length} 个迁移到 ${file}：${r.applied.join('、')}`,
      );
    });
}
