// `huhuqing flows`: validate flow files (every problem with its JSON path and state), print a
// flow as a Mermaid diagram, show what a new version changes, print the JSON Schema.
import { existsSync } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../core/app-error.ts';
import { diffFlows } from '../../core/flows/diff-flows.ts';
import { flowDiagram } from '../../core/flows/flow-diagram.ts';
import { renderFlowJsonSchema } from '../../core/flows/flow-json-schema.ts';
import type { FlowDefinition, FlowProblem, ValidateFlowResult } from '../../core/flows/flow-types.ts';
import { caseStates } from '../../core/flows/index-flow-states.ts';
import { renderFlowDiff } from '../../core/flows/render-flow-diff.ts';
import { validateFlow } from '../../core/flows/validate-flow.ts';
import { publishFlow } from '../../app/flows/publish-flow.ts';
import { bundledFlowsDir } from '../../app/flows/publish-bundled-flows.ts';
import { openDatabase } from '../open-database.ts';

export interface LoadedFlowFile {
  source: string;
  text: string;
  result: ValidateFlowResult;
}

/** Reads and validates one flow file (what `flows publish` needs before storing a version). */
export async function loadFlowFile(file: string): Promise<LoadedFlowFile> {
  const source = path.normalize(file);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch {
    throw new AppError('not_found', `读不到流程文件 ${source}：请检查路径`);
  }
  return { source, text, result: validateFlow(text, source) };
}

/** The flow files of a directory: *.json except the JSON Schema. */
export async function listFlowFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json')).sort();
  return names.map((n) => path.join(dir, n));
}

/** `flows/x.json: states.verifying.meta.deadline (入户核实): …` */
export function formatProblem(source: string, p: FlowProblem): string {
  const where = p.path === '' ? '' : ` ${p.path}${p.state === undefined ? '' : ` (${p.title ?? p.state})`}:`;
  return `${source}:${where} ${p.message}`;
}

/** A valid flow, or an AppError listing its problems. */
export async function readValidFlow(file: string): Promise<{ source: string; flow: FlowDefinition }> {
  const { source, result } = await loadFlowFile(file);
  if (!result.ok) {
    const lines = result.problems.map((p) => formatProblem(source, p));
    throw new AppError(
      'flow_invalid',
      `${source} 有 ${lines.length} 处问题，请先修改（huhuqing flows validate ${source}）：\n${lines.join('\n')}`,
    );
  }
  return { source, flow: result.flow };
}

/** The file in `dir` whose flow id is `id` (other than `except`), or undefined. */
export async function findFlowFile(dir: string, id: string, except?: string): Promise<string | undefined> {
  if (!existsSync(dir)) return undefined;
  const skip = except === undefined ? undefined : await realpath(except);
  for (const file of await listFlowFiles(dir)) {
    if (skip !== undefined && (await realpath(file)) === skip) continue;
    try {
      if ((JSON.parse(await readFile(file, 'utf8')) as { id?: unknown }).id === id) return file;
    } catch {
      // An unreadable file is not the one we look for; `flows validate` reports it.
    }
  }
  return undefined;
}

async function validatePath(target: string): Promise<number> {
  const info = await stat(target).catch(() => {
    throw new AppError('not_found', `找不到 ${target}：请给出流程文件或目录（默认 flows/）`);
  });
  const files = info.isDirectory() ? await listFlowFiles(target) : [target];
  if (files.length === 0) throw new AppError('not_found', `${target} 里没有流程文件（*.json）`);
  let failed = 0;
  for (const file of files) {
    const { source, result } = await loadFlowFile(file);
    if (result.ok) {
      console.log(`✓ ${source}：有效（${caseStates(result.flow).length} 个状态）`);
    } else {
      failed++;
      for (const p of result.problems) console.log(formatProblem(source, p));
      console.log(`✗ ${source}：${result.problems.length} 处问题`);
    }
  }
  return failed > 0 ? 2 : 0;
}

export function registerFlows(program: Command): void {
  const flows = program.command('flows').description('流程定义（flows/*.json）：校验、流程图、版本差异、JSON Schema');
  flows
    .command('validate')
    .description('校验流程文件：列出每一处问题（JSON 路径、状态、怎么改）；有问题时退出码为 2')
    .argument('[path]', '流程文件或目录', 'flows')
    .action(async (target: string) => {
      // Outside the project folder, `flows` means the bundled flows (those the server publishes).
      process.exitCode = await validatePath(target === 'flows' && !existsSync(target) ? bundledFlowsDir : target);
    });
  flows
    .command('diagram')
    .description('把流程打印成 Mermaid 状态图')
    .argument('<file-or-id>', '流程文件，或流程 id（在 --dir 目录里找）')
    .option('--dir <folder>', '流程目录', 'flows')
    .action(async (ref: string, opts: { dir: string }) => {
      const file = ref.endsWith('.json') || existsSync(ref) ? ref : await findFlowFile(opts.dir, ref);
      if (file === undefined)
        throw new AppError('not_found', `${opts.dir} 里没有 id 为 ${ref} 的流程：请给出文件路径，或用 --dir 指定目录`);
      process.stdout.write(flowDiagram((await readValidFlow(file)).flow));
    });
  flows
    .command('diff')
    .description('新版本改了什么：状态、转换、期限、提醒、督办梯度、卡片与表单')
    .argument('<file>', '新版本的流程文件')
    .option('--against <file>', '旧版本文件（默认：数据库中已发布的最新版本；未发布时用 --dir 目录里同一 id 的流程）')
    .option('--dir <folder>', '流程目录', 'flows')
    .option('--json', '输出结构化的变更列表（JSON）')
    .action(async (file: string, opts: { against?: string; dir: string; json?: boolean }) => {
      const next = await readValidFlow(file);
      const published = opts.against ? undefined : await latestPublishedFlow(next.flow.id);
      const against = opts.against ?? (published ? undefined : await findFlowFile(opts.dir, next.flow.id, file));
      if (!published && against === undefined) {
        throw new AppError(
          'not_found',
          `${next.flow.id} 尚未发布，${opts.dir} 里也没有同一 id 的其他流程可比较：请用 --against 指定旧版本文件`,
        );
      }
      const before = published ?? (await readValidFlow(against as string)).flow;
      const changes = diffFlows(before, next.flow);
      process.stdout.write(opts.json ? `${JSON.stringify(changes, null, 2)}\n` : renderFlowDiff(before, next.flow, changes));
    });
  flows
    .command('publish')
    .description('发布新版本：在办案件保持原版本，新立案使用新版本（迁移在办案件用 huhuqing cases migrate）')
    .argument('<file>', '流程文件')
    .action(async (file: string) => {
      const { db } = await openDatabase();
      try {
        const r = await publishFlow(db, await readFile(file, 'utf8'), file, { actor: 'cli', now: new Date() });
        console.log(
          r.unchanged
            ? `${r.flowId} 第 ${r.version} 版与文件相同：无需发布。`
            : `已发布 ${r.flowId} 第 ${r.version} 版。在办案件保持原版本；如需迁移，先运行 huhuqing cases migrate --flow ${r.flowId} --from <旧版本> --to ${r.version} --dry-run`,
        );
      } finally {
        await db.$disconnect();
      }
    });
  flows
    .command('schema')
    .description('打印流程文件的 JSON Schema（重新生成：huhuqing flows schema > flows/flow.schema.json）')
    .action(() => {
      process.stdout.write(renderFlowJsonSchema());
    });
}

/** The latest published version of a flow, or undefined when it was never published. */
async function latestPublishedFlow(flowId: string): Promise<FlowDefinition | undefined> {
  const { db } = await openDatabase();
  try {
    const row = await db.flowVersion.findFirst({ where: { flowId }, orderBy: { version: 'desc' } });
    return row ? (row.definition as unknown as FlowDefinition) : undefined;
  } finally {
    await db.$disconnect();
  }
}
