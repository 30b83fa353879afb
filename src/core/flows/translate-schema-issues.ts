// Turns zod's issues for a flow file into problems with JSON paths and Chinese messages. A union
// (a transition, a duration…) reports the branch the input was evidently meant for.
import type { z } from 'zod';
import { describeSchemaIssue } from './describe-schema-issue.ts';
import type { FlowProblem } from './flow-types.ts';
import { valueAt } from './json-path.ts';
import type { PathSegment } from './json-path.ts';
import { makeProblem, nameState } from './make-problem.ts';
import { stateAtPath } from './walk-states.ts';
import type { StateEntry } from './walk-states.ts';

type Issue = z.core.$ZodIssue;

export function translateSchemaIssues(issues: readonly Issue[], raw: unknown, entries: readonly StateEntry[]): FlowProblem[] {
  const out: FlowProblem[] = [];
  const add = (issue: Issue, base: PathSegment[]) => {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    if (issue.code === 'invalid_union') {
      const branch = pickBranch(issue.errors, valueAt(raw, path));
      if (branch) return branch.forEach((inner) => add(inner, path));
    }
    let message: string;
    if (issue.code === 'invalid_key') {
      const inner = issue.issues[0]?.message ?? '';
      message = `名称 ${String(path[path.length - 1])} 不合法：${inner}`;
    } else {
      message = describeSchemaIssue({ ...issue, path } as Issue, valueAt(raw, path));
    }
    const state = stateAtPath(entries, path);
    out.push(makeProblem(entries, path, state ? `${nameState(state)}：${message}` : message));
  };
  for (const issue of issues) add(issue, []);
  return out;
}

/**
 * The branch whose issues best explain the input: branches that failed only because the input has
 * another type are dropped; of the rest, the one that fits best (unknown keys weigh more, a nested
 * union that fits nowhere most), unless several tie (then the union's own message lists the shapes).
 */
function pickBranch(branches: readonly (readonly Issue[])[], input: unknown): readonly Issue[] | undefined {
  const plain = input === null || typeof input !== 'object';
  const wrongType = (i: Issue) => i.path.length === 0 && (i.code === 'invalid_type' || (i.code === 'invalid_value' && !plain));
  const candidates = branches.filter((b) => !(b.length === 1 && b[0] !== undefined && wrongType(b[0])));
  if (candidates.length === 0) return undefined;
  const weight = (i: Issue): number => {
    if (i.code === 'unrecognized_keys') return 2;
    if (i.code === 'invalid_union') return pickBranch(i.errors, valueAt(input, i.path as PathSegment[])) ? 2 : 3;
    return 1;
  };
  const misfit = (b: readonly Issue[]) => b.reduce((n, i) => n + weight(i), 0);
  const fewest = Math.min(...candidates.map(misfit));
  const best = candidates.filter((b) => misfit(b) === fewest);
  return best.length === 1 ? best[0] : undefined;
}
