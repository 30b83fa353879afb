// Builds a FlowProblem at a JSON path, naming the state that holds the path.
import type { FlowProblem } from './flow-types.ts';
import { formatJsonPath } from './json-path.ts';
import type { PathSegment } from './json-path.ts';
import { stateAtPath } from './walk-states.ts';
import type { StateEntry } from './walk-states.ts';

export function makeProblem(entries: readonly StateEntry[], path: readonly PathSegment[], message: string): FlowProblem {
  const state = stateAtPath(entries, path);
  const problem: FlowProblem = { path: formatJsonPath(path), message };
  if (state) {
    problem.state = state.key;
    if (state.title !== undefined) problem.title = state.title;
  }
  return problem;
}

/** "状态 verifying（入户核实）" — how messages name a state. */
export function nameState(entry: StateEntry): string {
  return entry.title === undefined ? `状态 ${entry.key}` : `状态 ${entry.key}（${entry.title}）`;
}

/** A value as messages quote it: strings in 「」, the rest as JSON. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `「${value}」`;
  if (value === undefined) return '（空）';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}
