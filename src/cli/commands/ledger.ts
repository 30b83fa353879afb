// `huhuqing ledger`: the 督查 ledger of a region as an Excel workbook (overdue households, and every
// reminder and escalation sent for them).
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { buildInspectionLedger } from '../../app/ledger/build-inspection-ledger.ts';
import { findRegion } from '../../app/regions/find-region.ts';
import { AppError } from '../../core/app-error.ts';
import { openEngine, parseNow } from '../open-engine.ts';

export function registerLedger(program: Command): void {
  program
    .command('ledger')
    .description('督查台账：某地区（含下级）逾期未办的户，及每次提醒、督办的时间、对象和督办人，写成 Excel')
    .requiredOption('--region <地区>', '地区名称或代码，如 曲靖市、麒麟区、530302')
    .requiredOption('--out <文件.xlsx>', '写入的 Excel 文件')
    .option('--at <ISO 时间>', '截至这个时间（默认现在）')
    .action(async (o: { region: string; out: string; at?: string }) => {
      if (!o.out.toLowerCase().endsWith('.xlsx')) throw new AppError('invalid_argument', `--out 须为 .xlsx 文件：${o.out}`);
      const at = parseNow(o.at);
      const { deps, close } = await openEngine();
      try {
        const region = await findRegion(deps.db, o.region);
        const ledger = await buildInspectionLedger(deps, region, at);
        const format = (d: Date) => DateTime.fromJSDate(d).setZone(deps.tz).toFormat('yyyy-MM-dd HH:mm');
        // Loaded here, not at the top: every command (serve too) imports this file, exceljs is ~15 MB.
        const { ledgerWorkbook } = await import('../../files/write-ledger-xlsx.ts');
        await ledgerWorkbook(ledger, format).xlsx.writeFile(o.out);
        console.log(`已写入 ${o.out}：${ledger.region} 逾期 ${ledger.cases.length} 户，提醒与督办记录 ${ledger.contacts.length} 条。`);
      } finally {
        await close();
      }
    });
}
