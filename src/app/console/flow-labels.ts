// The words a flow gives its card buttons and form fields (已核实, 入户日期), read from the flow
// versions a household's cases run, so the timeline shows what the officer saw, not keys.
import type { Db } from '../../db/create-prisma.ts';

export interface FlowLabels {
  events: Map<string, string>;
  fields: Map<string, string>;
}

export async function loadFlowLabels(db: Db, runs: Array<{ flowId: string; flowVersion: number }>): Promise<FlowLabels> {
  const labels: FlowLabels = { events: new Map(), fields: new Map() };
  if (runs.length === 0) return labels;
  const versions = await db.flowVersion.findMany({
    where: { OR: runs.map((r) => ({ flowId: r.flowId, version: r.flowVersion })) },
    select: { definition: true },
  });
  for (const v of versions) collect(v.definition, labels);
  return labels;
}

function collect(node: unknown, labels: FlowLabels): void {
  const states = record(record(node)?.states);
  for (const state of Object.values(states ?? {})) {
    const actions = record(record(record(state)?.meta)?.card)?.actions;
    for (const action of Array.isArray(actions) ? actions : []) {
      const a = record(action);
      if (typeof a?.event === 'string' && typeof a.label === 'string' && !labels.events.has(a.event)) labels.events.set(a.event, a.label);
      for (const field of Array.isArray(a?.form) ? a.form : []) {
        const f = record(field);
        if (typeof f?.name === 'string' && typeof f.label === 'string' && !labels.fields.has(f.name)) labels.fields.set(f.name, f.label);
      }
    }
    collect(state, labels);
  }
}

function record(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
