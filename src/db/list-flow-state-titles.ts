// The workflow states named in published flows, in flow order, with their titles (state.meta.title),
// newest version first so a renamed title wins. Only the states a case can be in (leaves) are
// listed, by their own key ("verifying", not "working.verifying"): that is what cases.state and
// the audit trail hold, and keys are unique within a flow.
import type { FlowStateTitle } from '../core/reports/plan-report-rows.ts';
import type { Db } from './create-prisma.ts';

export async function listFlowStateTitles(db: Db): Promise<FlowStateTitle[]> {
  const versions = await db.flowVersion.findMany({ select: { definition: true }, orderBy: [{ flowId: 'asc' }, { version: 'desc' }] });
  const titles = new Map<string, string>();
  for (const v of versions) collect(v.definition, titles);
  return [...titles].map(([id, title]) => ({ id, title }));
}

function collect(node: unknown, titles: Map<string, string>): void {
  const states = isObject(node) && isObject(node.states) ? node.states : null;
  if (states === null) return;
  for (const [id, state] of Object.entries(states)) {
    const meta = isObject(state) && isObject(state.meta) ? state.meta : null;
    const title = meta && typeof meta.title === 'string' && meta.title.trim() !== '' ? meta.title : id;
    // A case is only ever in a leaf: compound states and history pseudo-states are never its state.
    const leaf = isObject(state) && !isObject(state.states) && state.type !== 'history';
    if (leaf && !titles.has(id)) titles.set(id, title);
    collect(state, titles);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
