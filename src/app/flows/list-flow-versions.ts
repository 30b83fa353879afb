// The console's Workflows pages: every flow with its published versions, who published each, and
// how many cases run on each version (a supervisor counts the cases of their own region; an admin
// all), and one flow's running version with its diagram and a summary of its states.
import type { Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import { describeDeadline, describeDuration, describeLadder, describeReminders } from '../../core/flows/describe-deadline.ts';
import { flowDiagram } from '../../core/flows/flow-diagram.ts';
import type { FlowDefinition } from '../../core/flows/flow-types.ts';
import { indexFlowStates } from '../../core/flows/index-flow-states.ts';
import type { StateKind } from '../../core/flows/walk-states.ts';
import type { Db } from '../../db/create-prisma.ts';

export interface FlowVersionRow {
  version: number;
  publishedAt: Date;
  publishedBy: string;
  checksum: string;
  /** Cases on this version still running (status active), in the viewer's scope. */
  activeCases: number;
  /** Cases on this version that ended (relieved or closed), in the viewer's scope. */
  closedCases: number;
}

export interface FlowSummary {
  flowId: string;
  description: string | null;
  /** The running version: new cases start on it. */
  latest: number;
  versions: FlowVersionRow[];
}

export interface FlowStateRow {
  key: string;
  title: string;
  kind: StateKind;
  depth: number;
  deadline: string;
  remind: string;
  escalate: string;
  pauseClock: boolean;
  buttons: string[];
  nextCycle: string | null;
}

export interface FlowView extends FlowSummary {
  flow: FlowDefinition;
  diagram: string;
  states: FlowStateRow[];
}

/** Cases are counted in the viewer's scope: an admin everything, a supervisor their region. */
function caseScope(viewer: Viewer) {
  return viewer.role === 'admin' ? {} : { region: { path: { startsWith: viewer.regionPath === '' ? '\u0000' : viewer.regionPath } } };
}

export async function listFlows(db: Db, viewer: Viewer): Promise<FlowSummary[]> {
  const [rows, counts] = await Promise.all([
    db.flowVersion.findMany({
      orderBy: [{ flowId: 'asc' }, { version: 'desc' }],
      select: { flowId: true, version: true, definition: true, checksum: true, publishedAt: true, publishedBy: true },
    }),
    db.case.groupBy({ by: ['flowId', 'flowVersion', 'status'], where: caseScope(viewer), _count: { _all: true } }),
  ]);
  const publishers = await publisherNames(
    db,
    rows.map((r) => r.publishedBy),
  );
  const count = (flowId: string, version: number, status: string) =>
    counts.find((c) => c.flowId === flowId && c.flowVersion === version && c.status === status)?._count._all ?? 0;
  const flows = new Map<string, FlowSummary>();
  for (const r of rows) {
    let flow = flows.get(r.flowId);
    if (!flow) {
      const description = (r.definition as { description?: unknown }).description;
      flow = { flowId: r.flowId, description: typeof description === 'string' ? description : null, latest: r.version, versions: [] };
      flows.set(r.flowId, flow);
    }
    flow.versions.push({
      version: r.version,
      publishedAt: r.publishedAt,
      publishedBy: publishers.get(r.publishedBy ?? '') ?? r.publishedBy ?? '—',
      checksum: r.checksum.slice(0, 12),
      activeCases: count(r.flowId, r.version, 'active'),
      closedCases: counts
        .filter((c) => c.flowId === r.flowId && c.flowVersion === r.version && c.status !== 'active')
        .reduce((n, c) => n + c._count._all, 0),
    });
  }
  return [...flows.values()];
}

/** One flow's running (latest) version: the diagram, the states, and the version list. */
export async function buildFlowView(db: Db, viewer: Viewer, flowId: string): Promise<FlowView> {
  const summary = (await listFlows(db, viewer)).find((f) => f.flowId === flowId);
  if (!summary) throw new AppError('not_found', `没有流程「${flowId}」：请从流程列表打开`);
  const row = await db.flowVersion.findUniqueOrThrow({ where: { flowId_version: { flowId, version: summary.latest } } });
  const flow = row.definition as unknown as FlowDefinition;
  return { ...summary, flow, diagram: flowDiagram(flow), states: describeFlowStates(flow) };
}

/** The states of a flow as the summary table shows them, in document order. */
export function describeFlowStates(flow: FlowDefinition): FlowStateRow[] {
  const rows: FlowStateRow[] = [];
  for (const s of indexFlowStates(flow).values()) {
    let depth = 0;
    for (let p = s.parent; p; p = p.parent) depth++;
    const meta = s.node.meta;
    const step = s.kind === 'atomic';
    rows.push({
      key: s.key,
      title: s.title ?? s.key,
      kind: s.kind,
      depth,
      deadline: !step ? '—' : meta?.openEnded ? '不设期限' : describeDeadline(meta?.deadline),
      remind: step && meta?.deadline ? describeReminders(meta.remind) : '—',
      escalate: step && meta?.deadline ? describeLadder(meta.escalate) : '—',
      pauseClock: meta?.pauseClock === true,
      buttons: (meta?.card?.actions ?? []).map((a) => a.label),
      nextCycle: meta?.nextCycle ? `${describeDuration(meta.nextCycle.after)}后从 ${meta.nextCycle.initial} 开始下一轮` : null,
    });
  }
  return rows;
}

/** "person:12" → the person's name; other actors (cli, system) as they are. */
async function publisherNames(db: Db, actors: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const ids = [...new Set(actors.map((a) => /^person:(\d+)$/.exec(a ?? '')?.[1]).filter((id) => id !== undefined))].map(Number);
  const people = ids.length === 0 ? [] : await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [`person:${p.id}`, p.name]));
  const words: Record<string, string> = { system: '系统（首次启动）', cli: '命令行', admin: '管理员' };
  for (const a of actors) if (a && !names.has(a) && words[a]) names.set(a, words[a]);
  return names;
}
