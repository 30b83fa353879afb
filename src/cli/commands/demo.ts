// `huhuqing demo files`: writes a demo household file and roster for trying out imports.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { resolve } from 'node:path';
import type { DemoFileFormat } from '../../demo/write-demo-files.ts';
import type { CsvEncoding } from '../../demo/write-csv.ts';
import { localDate } from '../../core/time/local-date.ts';

interface FilesOptions {
  households: number;
  seed: number;
  format: DemoFileFormat;
  encoding: CsvEncoding;
  out: string;
  today?: string;
}

export function registerDemo(program: Command): void {
  const demo = program.command('demo').description('演示数据（曲靖市四个县区的模拟档案、人员与群）');
  demo
    .command('files')
    .description('生成演示用的困难职工档案文件 households.<格式> 和人员名册 roster.<格式>')
    .requiredOption('--households <N>', '档案户数', parseCount)
    .option('--seed <S>', '随机种子：同一种子生成同样的数据', parseCount, 1)
    .addOption(new Option('--format <格式>', '文件格式').choices(['csv', 'xlsx']).default('csv'))
    .addOption(new Option('--encoding <编码>', 'CSV 编码（utf8 带 BOM，或 gb18030）').choices(['utf8', 'gb18030']).default('utf8'))
    .option('--out <目录>', '输出目录', './data/demo')
    .option('--today <YYYY-MM-DD>', '以哪天为“今天”排布时限（默认今天，北京时间）', parseDate)
    .action(async (options: FilesOptions) => {
      // Loaded here, not at the top: every command (serve too) imports this file; faker and exceljs are ~45 MB.
      const { writeDemoFiles } = await import('../../demo/write-demo-files.ts');
      const today = options.today ?? localDate(new Date(), 'Asia/Shanghai');
      const started = performance.now();
      const files = await writeDemoFiles({
        dir: resolve(options.out),
        households: options.households,
        seed: options.seed,
        today,
        format: options.format,
        encoding: options.encoding,
      });
      const seconds = (performance.now() - started) / 1000;
      const encoding = options.format === 'xlsx' ? 'Excel' : options.encoding === 'utf8' ? 'UTF-8 带 BOM' : 'GB18030';
      const { people, chats } = files.rosterData;
      console.log(
        `已写入 ${files.households.path}：${files.households.rows.toLocaleString('zh-CN')} 户档案，${formatBytes(files.households.bytes)}，${encoding}。`,
      );
      console.log(`已写入 ${files.roster.path}：${people.length} 人、${chats.length} 个群，${formatBytes(files.roster.bytes)}。`);
      console.log(
        `种子 ${options.seed}，今天按 ${today} 计；用时 ${seconds.toFixed(1)} 秒（每秒 ${Math.round(files.households.rows / seconds).toLocaleString('zh-CN')} 行）。`,
      );
    });
}

function parseCount(text: string): number {
  const n = Number(text.replaceAll(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('应为非负整数。');
  return n;
}

function parseDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) throw new InvalidArgumentError('日期格式应为 YYYY-MM-DD。');
  return text;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
