// Validates a flow file's text: JSON syntax, the schema, then the structural, meta and card rules,
// and finally that XState builds the machine. Every problem is listed, each with its JSON path,
// its state and what to fix in Chinese.
import { buildFlowMachine } from './build-flow-machine.ts';
import { checkCards } from './check-cards.ts';
import { checkMeta } from './check-meta.ts';
import { checkStructure } from './check-structure.ts';
import { flowSchema } from './flow-schema.ts';
import type { FlowDefinition, FlowProblem, ValidateFlowResult } from './flow-types.ts';
import { isRecord } from './json-path.ts';
import { parseFlowJson } from './parse-flow-json.ts';
import { translateSchemaIssues } from './translate-schema-issues.ts';
import { walkStates } from './walk-states.ts';

/** `source` names the file in messages that need it (the caller prefixes each problem with it). */
export function validateFlow(text: string, source: string): ValidateFlowResult {
  const parsed = parseFlowJson(text);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const raw = parsed.value;
  const entries = walkStates(raw);
  const result = flowSchema.safeParse(raw);
  const problems = result.success ? [] : translateSchemaIssues(result.error.issues, raw, entries);
  if (isRecord(raw)) {
    // A path the schema already explains (e.g. a missing title) is not reported twice.
    const explained = new Set(problems.map((p) => p.path));
    for (const p of [...checkStructure(raw, entries), ...checkMeta(entries), ...checkCards(entries)])
      if (!explained.has(p.path)) problems.push(p);
  }
  if (problems.length > 0 || !result.success) return { ok: false, problems };
  const built = tryBuild(result.data, source);
  return built ? { ok: false, problems: [built] } : { ok: true, flow: result.data };
}

/** XState's own check: building the machine resolves every transition. */
function tryBuild(flow: FlowDefinition, source: string): FlowProblem | null {
  try {
    const machine = buildFlowMachine(flow);
    const visit = (node: { transitions: unknown; states: Record<string, unknown> }): void => {
      void node.transitions;
      for (const child of Object.values(node.states)) visit(child as typeof node);
    };
    visit(machine.root as unknown as { transitions: unknown; states: Record<string, unknown> });
    return null;
  } catch (error) {
    return { path: '', message: `${source}：XState 无法用它创建状态机：${(error as Error).message}` };
  }
}
