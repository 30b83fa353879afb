import { InvalidArgumentError, type Command } from 'commander';
import { extendDeadlines } from '../../app/cases/extend-deadlines.ts';
import { migrateCases } from '../../app/cases/migrate-cases.ts';
import { openMissingCases } from '../../app/cases/open-missing-cases.ts';
import { reassignOfficer } from '../../app/cases/reassign-officer.ts';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';
import { openEngine, parseNow } from '../open-engine.ts';
import { findPerson } from '../../app/people/find-person.ts';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('应为正整数');
  return n;
};

async function findRegion(db: Db, nameOrCode: string) {
  const found = await db.region.findMany({ where: { OR: [{ name: nameOrCode }, { code: nameOrCode }] } });
  if (found.length !== 1)
    throw new AppError(
      'invalid_argument',
      found.length === 0
        ? `没有地区「${nameOrCode}」：请写全称（如 麒麟区）或区划代码`
        : `地区「${nameOrCode}」有重名：请改用区划代码（${found.map((r) => r.code).join('、')}）`,
    );
  return found[0]!;
}

export function registerCases(program: Command): void {
  const cases = program.command('cases').description('案件的批量操作（每项都是一次留痕的管理操作）');
  cases
    .command('open')
    .description('为尚未立案的在档家庭立案，进入流程的第一步')
    .option('--campaign <名称>', '工作名称', '户户清')
    .option('--flow <流程>', '流程 id', 'huhuqing')
    .option('--region <地区>', '只处理这个地区（含下级）')
    .option('--now <ISO 时间>')
    .action(async (o: { campaign: string; flow: string; region?: string; now?: string }) => {
      const { deps, close } = await openEngine();
      try {
        const region = o.region ? await findRegion(deps.db, o.region) : undefined;
        const r = await openMissingCases(deps, {
          campaign: o.campaign,
          flowId: o.flow,
          regionPath: region?.path,
          actor: 'cli',
          now: parseNow(o.now),
        });
        console.log(`已立案 ${r.opened} 户（${o.campaign}，流程 ${o.flow}）。`);
      } finally {
        await close();
      }
    });
  cases
    .command('extend')
    .description('把一个地区（可限定某一步）所有在办案件的期限延长 N 个工作日')
    .requiredOption('--region <地区>', '地区名称或区划代码')
    .requiredOption('--workdays <N>', '延长的工作日数', int)
    .requiredOption('--reason <理由>', '理由（记入留痕）')
    .option('--state <状态>', '只延长处于这一步的案件，如 verifying')
    .option('--now <ISO 时间>')
    .action(async (o: { region: string; workdays: number; reason: string; state?: string; now?: string }) => {
      const { deps, close } = await openEngine();
      try {
        const region = await findRegion(deps.db, o.region);
        const r = await extendDeadlines(deps, {
          regionId: region.id,
          state: o.state,
          workdays: o.workdays,
          reason: o.reason,
          actor: 'cli',
          now: parseNow(o.now),
        });
        console.log(`已为${region.name}的 ${r.extended} 个案件延长 ${o.workdays} 个工作日。`);
      } finally {
        await close();
      }
    });
  cases
    .command('reassign')
    .description('把一名责任人的全部家庭改派给另一人')
    .requiredOption('--from <人员>', '原责任人：姓名、手机、邮箱或 open_id')
    .requiredOption('--to <人员>', '新责任人')
    .requiredOption('--reason <理由>')
    .action(async (o: { from: string; to: string; reason: string }) => {
      const { deps, close } = await openEngine();
      try {
        const from = await findPerson(deps.db, o.from);
        const to = await findPerson(deps.db, o.to);
        const r = await reassignOfficer(deps.db, {
          fromPersonId: from.id,
          toPersonId: to.id,
          reason: o.reason,
          actor: 'cli',
          now: new Date(),
        });
        console.log(`已把 ${from.name} 的 ${r.households} 户改派给 ${to.name}。`);
      } finally {
        await close();
      }
    });
  cases
    .command('migrate')
    .description('把在办案件从流程的一个版本迁移到另一个版本（先 --dry-run 查看每户的去向）')
    .requiredOption('--flow <流程>')
    .requiredOption('--from <版本>', '', int)
    .requiredOption('--to <版本>', '', int)
    .option(
      '--map <旧=新...>',
      '状态映射，可写多个：--map classifying=identifying',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--dry-run', '只列出结果，不迁移')
    .option('--now <ISO 时间>')
    .action(async (o: { flow: string; from: number; to: number; map: string[]; dryRun?: boolean; now?: string }) => {
      const mapping = Object.fromEntries(
        o.map.map((m) => {
          const [a, b] = m.split('=');
          if (!a || !b) throw new AppError('invalid_argument', `--map「${m}」应写成 旧状态=新状态`);
          return [a.trim(), b.trim()];
        }),
      );
      const { deps, close } = await openEngine();
      try {
        const r = await migrateCases(deps, {
          flowId: o.flow,
          fromVersion: o.from,
          toVersion: o.to,
          mapping,
          dryRun: o.dryRun === true,
          actor: 'cli',
          now: parseNow(o.now),
        });
        for (const p of r.plan) console.log(`  ${p.archiveNo}：${p.fromState} → ${p.toState}，新期限 ${p.deadlineAt ?? '无'}`);
        console.log(
          o.dryRun ? `试运行：${r.plan.length} 个案件将迁移到第 ${o.to} 版（未改动）。` : `已迁移 ${r.migrated} 个案件到第 ${o.to} 版。`,
        );
      } finally {
        await close();
      }
    });
}
