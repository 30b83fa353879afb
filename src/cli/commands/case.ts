import type { Command } from 'commander';
import { caseTimeline } from '../../app/cases/case-timeline.ts';
import { auditActionLabel } from '../../core/audit/audit-action-labels.ts';
import { maskName } from '../../core/privacy/mask.ts';
import { openDatabase } from '../open-database.ts';

export function registerCase(program: Command): void {
  program
    .command('case')
    .description('查看一户的案件时间线（每一次状态变更、提醒、督办、表单与管理操作）')
    .argument('<档案编号>', '如 QJ530302-2017-0000001')
    .action(async (archiveNo: string) => {
      const { config, db } = await openDatabase();
      try {
        const t = await caseTimeline(db, archiveNo.trim().toUpperCase());
        const when = (d: Date) => d.toLocaleString('zh-CN', { timeZone: config.timezone, hour12: false });
        console.log(
          `${t.household.archiveNo}  户主 ${maskName(t.household.headName)}  ${t.household.region.name}  责任人 ${t.household.officer?.name ?? '（未指定）'}`,
        );
        for (const c of t.cases) {
          console.log(
            `案件 #${c.id}（${c.campaign}，流程 ${c.flowId} 第 ${c.flowVersion} 版）：${c.status === 'closed' ? '已结案' : '办理中'}，当前 ${c.state}${c.deadlineAt ? `，期限 ${when(c.deadlineAt)}` : ''}`,
          );
        }
        for (const e of t.events) {
          const move =
            e.fromState || e.toState ? ` ${e.fromState ?? ''}${e.toState && e.toState !== e.fromState ? ` → ${e.toState}` : ''}` : '';
          console.log(
            `  ${when(e.at)}  ${auditActionLabel(e.action)}${move}  〔${e.source} / ${e.actor}〕${e.after ? `  ${JSON.stringify(e.after)}` : ''}`,
          );
        }
      } finally {
        await db.$disconnect();
      }
    });
}
