// Checking a new version of a flow before an admin publishes it from the console: the validator's
// problems placed at their lines, then (when valid) what it changes against the running version,
// its diagram, and the dry run of migrating the running cases onto it (`huhuqing cases migrate
// --dry-run`): where each state's cases would land, their new deadlines, and which states vanish
// and must be mapped. Publishing re-runs the same check and never stores a draft with problems.
import { AppError } from '../../core/app-error.ts';
import { describeFlowChange } from '../../core/flows/render-flow-diff.ts';
import { diffFlows, type FlowChange } from '../../core/flows/diff-flows.ts';
import { flowDiagram } from '../../core/flows/flow-diagram.ts';
import type { FlowDefinition, FlowProblem } from '../../core/flows/flow-types.ts';
import { caseStates, indexFlowStates } from '../../core/flows/index-flow-states.ts';
import { locateFlowProblems } from '../../core/flows/locate-flow-problems.ts';
import { validateFlow } from '../../core/flows/validate-flow.ts';
import type { Db } from '../../db/create-prisma.ts';
import { buildEngineDeps } from '../cases/build-engine-deps.ts';
import { migrateCases, type MigrationPlanRow } from '../cases/migrate-cases.ts';
import { FlowCatalog, type LoadedFlow } from './flow-catalog.ts';
import { buildFlowMachine } from '../../core/flows/build-flow-machine.ts';
import { publishFlow } from './publish-flow.ts';

/** An uploaded flow file may be at most this large. */
export const maxFlowFileBytes = 1024 * 1024;

export interface MigrationGroup {
  fromVersion: number;
  fromState: string;
  fromTitle: string;
  /** Null: the state is gone in the new version and no mapping was chosen. */
  toState: string | null;
  toTitle: string | null;
  /** Chosen by the admin (the state is gone), not the same key in both versions. */
  mapped: boolean;
  cases: number;
  /** The earliest and latest deadline the cases would get on entering `toState` now (null: open-ended or not computed). */
  firstDeadline: Date | null;
  lastDeadline: Date | null;
}

export type DryRunRow = MigrationPlanRow & { fromVersion: number };

export interface MigrationDryRun {
  activeCases: number;
  groups: MigrationGroup[];
  /** States of running cases that the new version no longer has: the admin must map each. */
  unmapped: Array<{ state: string; title: string; cases: number }>;
  /** Where such a state may be mapped: the new version's case states. */
  targets: Array<{ key: string; title: string }>;
  mapping: Record<string, string>;
  /** Per case (the first 200), when the mapping is complete. */
  plan: DryRunRow[];
  planTotal: number;
}

export type FlowDraftCheck =
  | { ok: false; flowId: string; text: string; running: number; problems: FlowProblem[] }
  | {
      ok: true;
      flowId: string;
      text: string;
      running: number;
      flow: FlowDefinition;
      changes: FlowChange[];
      /** One Chinese line per change (the version number excluded), as `huhuqing flows diff` prints them. */
      diff: string[];
      diagram: string;
      migration: MigrationDryRun;
      /** Why 发布 is not offered although the file is valid (it changes nothing), else null. */
      blocked: string | null;
    };

export interface FlowDraftInput {
  flowId: string;
  text: string;
  /** Old state → new state for states the new version no longer has (form fields map:<state>). */
  mapping?: Record<string, string>;
  now: Date;
  timezone: string;
}

/** As the browser sends it: without a byte-order mark, with \n line ends (forms send \r\n). */
export function normalizeFlowText(text: string): string {
  return (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

export async function checkFlowDraft(db: Db, input: FlowDraftInput): Promise<FlowDraftCheck> {
  const text = normalizeFlowText(input.text);
  const runningRow = await db.flowVersion.findFirst({ where: { flowId: input.flowId }, orderBy: { version: 'desc' } });
  if (!runningRow) throw new AppError('not_found', `没有流程「${input.flowId}」：请从流程列表打开`);
  const running = runningRow.definition as unknown as FlowDefinition;
  const base = { flowId: input.flowId, text, running: runningRow.version };
  if (text.trim() === '')
    return { ...base, ok: false, problems: [{ path: '', line: 1, column: 1, message: '内容是空的：请粘贴流程 JSON 或上传流程文件' }] };

  const checked = validateFlow(text, '流程文件');
  if (!checked.ok) return { ...base, ok: false, problems: locateFlowProblems(text, checked.problems) };
  const flow = checked.flow;
  const problems: FlowProblem[] = [];
  if (flow.id !== input.flowId)
    problems.push({ path: 'id', message: `这是流程「${input.flowId}」的编辑页："id" 须为 "${input.flowId}"（当前为 "${flow.id}"）` });
  if (flow.version <= runningRow.version)
    problems.push({
      path: 'version',
      message: `第 ${runningRow.version} 版已发布，已发布的版本不能再改："version" 须改为 ${runningRow.version + 1}（当前为 ${flow.version}）`,
    });
  if (problems.length > 0) return { ...base, ok: false, problems: locateFlowProblems(text, problems) };

  const changes = diffFlows(running, flow);
  const diff = changes.filter((c) => c.kind !== 'version').map(describeFlowChange);
  return {
    ...base,
    ok: true,
    flow,
    changes,
    diff,
    diagram: flowDiagram(flow),
    migration: await dryRunMigration(db, flow, input),
    blocked: diff.length === 0 ? `与运行中的第 ${runningRow.version} 版相比只改了版本号，没有任何变化：无需发布` : null,
  };
}

export type PublishDraftResult = { published: true; version: number } | { published: false; check: FlowDraftCheck };

/** 发布: the same check again (never trust the page the button was on), then publishFlow, audited as the admin. */
export async function publishFlowDraft(db: Db, input: FlowDraftInput & { personId: number }): Promise<PublishDraftResult> {
  const check = await checkFlowDraft(db, input);
  if (!check.ok || check.blocked !== null) return { published: false, check };
  const r = await publishFlow(db, check.text, `流程 ${input.flowId} 第 ${check.flow.version} 版`, {
    actor: `person:${input.personId}`,
    now: input.now,
  });
  return { published: true, version: r.version };
}

/** The catalog the dry run reads: the published versions plus the draft, as if it were published. */
class DraftCatalog extends FlowCatalog {
  private readonly draft: LoadedFlow;

  constructor(
    db: Db,
    private readonly flow: FlowDefinition,
  ) {
    super(db);
    this.draft = { flow, machine: buildFlowMachine(flow), version: flow.version };
  }

  override async get(flowId: string, version: number): Promise<LoadedFlow> {
    return flowId === this.flow.id && version === this.flow.version ? this.draft : super.get(flowId, version);
  }
}

async function dryRunMigration(db: Db, flow: FlowDefinition, input: FlowDraftInput): Promise<MigrationDryRun> {
  const targets = caseStates(flow).map((s) => ({ key: s.key, title: s.title ?? s.key }));
  const targetKeys = new Set(targets.map((t) => t.key));
  const counts = await db.case.groupBy({
    by: ['flowVersion', 'state'],
    where: { flowId: flow.id, status: 'active', flowVersion: { lt: flow.version } },
    _count: { _all: true },
  });
  const versions = [...new Set(counts.map((c) => c.flowVersion))];
  const titles = new Map<string, string>();
  /** The states in the order the flow lists them, so the table reads like the flow. */
  const order = new Map<string, number>();
  for (const v of versions) {
    const row = await db.flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version: v } } });
    for (const s of indexFlowStates(row?.definition as unknown as FlowDefinition).values()) {
      order.set(`${v}:${s.key}`, order.size);
      titles.set(`${v}:${s.key}`, s.title ?? s.key);
    }
  }
  counts.sort((a, b) => (order.get(`${a.flowVersion}:${a.state}`) ?? 1e9) - (order.get(`${b.flowVersion}:${b.state}`) ?? 1e9));
  const present = new Set(counts.map((c) => c.state));
  const mapping = Object.fromEntries(
    Object.entries(input.mapping ?? {}).filter(([from, to]) => present.has(from) && !targetKeys.has(from) && targetKeys.has(to)),
  );
  const unmapped = new Map<string, { state: string; title: string; cases: number }>();
  for (const c of counts) {
    if (targetKeys.has(c.state) || mapping[c.state]) continue;
    const u = unmapped.get(c.state) ?? { state: c.state, title: titles.get(`${c.flowVersion}:${c.state}`) ?? c.state, cases: 0 };
    u.cases += c._count._all;
    unmapped.set(c.state, u);
  }

  const plan: DryRunRow[] = [];
  if (unmapped.size === 0 && counts.length > 0) {
    const deps = { ...(await buildEngineDeps(db, input.timezone)), flows: new DraftCatalog(db, flow) };
    for (const fromVersion of versions) {
      const r = await migrateCases(deps, {
        flowId: flow.id,
        fromVersion,
        toVersion: flow.version,
        mapping,
        dryRun: true,
        actor: 'console',
        now: input.now,
      });
      plan.push(...r.plan.map((p) => ({ ...p, fromVersion })));
    }
  }

  const newTitles = new Map(targets.map((t) => [t.key, t.title]));
  const groups: MigrationGroup[] = counts.map((c) => {
    const toState = targetKeys.has(c.state) ? (mapping[c.state] ?? c.state) : (mapping[c.state] ?? null);
    const deadlines = plan
      .filter((p) => p.fromState === c.state && p.fromVersion === c.flowVersion && p.deadlineAt !== null)
      .map((p) => new Date(p.deadlineAt as string).getTime());
    return {
      fromVersion: c.flowVersion,
      fromState: c.state,
      fromTitle: titles.get(`${c.flowVersion}:${c.state}`) ?? c.state,
      toState,
      toTitle: toState === null ? null : (newTitles.get(toState) ?? toState),
      mapped: mapping[c.state] !== undefined,
      cases: c._count._all,
      firstDeadline: deadlines.length > 0 ? new Date(deadlines.reduce((a, b) => Math.min(a, b))) : null,
      lastDeadline: deadlines.length > 0 ? new Date(deadlines.reduce((a, b) => Math.max(a, b))) : null,
    };
  });
  return {
    activeCases: counts.reduce((n, c) => n + c._count._all, 0),
    groups,
    unmapped: [...unmapped.values()],
    targets,
    mapping,
    plan: plan.slice(0, 200),
    planTotal: plan.length,
  };
}
