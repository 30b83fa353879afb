// A flow as a Mermaid stateDiagram-v2: states labelled with their Chinese titles, transitions with
// their card button labels (or the event name), compound states as composites, finals to [*].
import type { FlowDefinition } from './flow-types.ts';
import { findCardAction } from './index-flow-states.ts';
import { resolveTarget } from './resolve-target.ts';
import { splitTransition, transitionsOf, walkStates } from './walk-states.ts';
import type { StateEntry } from './walk-states.ts';

const clean = (text: string) =>
  text
    .replace(/"/g, "'")
    .replace(/:/g, '：')
    .replace(/[\r\n]+/g, ' ');

export function flowDiagram(flow: FlowDefinition): string {
  const entries = walkStates(flow);
  const lines = ['stateDiagram-v2'];
  const edges: string[] = [];
  for (const e of entries) {
    for (const [event, value] of transitionsOf(e)) {
      const label = clean(findCardAction(flow, e.key, event)?.label ?? event);
      for (const t of splitTransition(value, [])) {
        const target = t.target === undefined ? e : resolveTarget(entries, e, t.target, flow.id);
        if (!target) continue;
        const to = target.kind === 'history' && target.parent ? target.parent.key : target.key;
        edges.push(`  ${e.key} --> ${to} : ${target.kind === 'history' ? `${label}（回到原步骤）` : label}`);
      }
    }
  }
  const declare = (list: readonly StateEntry[], indent: string, initial: unknown) => {
    for (const e of list.filter((s) => s.kind !== 'history')) lines.push(`${indent}state "${clean(e.title ?? e.key)}" as ${e.key}`);
    if (typeof initial === 'string') lines.push(`${indent}[*] --> ${initial}`);
    for (const e of list) {
      if (e.kind === 'compound') {
        lines.push(`${indent}state ${e.key} {`);
        declare(e.children, `${indent}  `, e.node.initial);
        lines.push(`${indent}}`);
      }
      if (e.kind === 'final') lines.push(`${indent}${e.key} --> [*]`);
    }
  };
  declare(
    entries.filter((e) => e.parent === null),
    '  ',
    flow.initial,
  );
  return [...lines, ...edges].join('\n') + '\n';
}
