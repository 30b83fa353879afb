// The default flow file and broken variants of it, and the operators who send events.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { FlowActor, FlowDefinition, FlowProblem } from '../../../src/core/flows/flow-types.ts';
import { validateFlow } from '../../../src/core/flows/validate-flow.ts';

// Broken variants are built by editing plain JSON freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FlowJson = Record<string, any>;

export const defaultFlowPath = path.resolve('flows/huhuqing.json');
export const defaultFlowText = readFileSync(defaultFlowPath, 'utf8');

/** A fresh, mutable copy of the default flow as parsed JSON. */
export function defaultFlowJson(): FlowJson {
  return JSON.parse(defaultFlowText) as FlowJson;
}

export function defaultFlow(): FlowDefinition {
  const result = validateFlow(defaultFlowText, 'flows/huhuqing.json');
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.flow;
}

/** The problems of the default flow after `mutate` (which may edit in place). */
export function problemsOf(mutate: (flow: FlowJson) => void): FlowProblem[] {
  const flow = defaultFlowJson();
  mutate(flow);
  const result = validateFlow(JSON.stringify(flow, null, 2), 'variant.json');
  return result.ok ? [] : result.problems;
}

/** Exactly one problem at `path` (in `state`) whose message contains every fragment. */
export function expectProblem(problems: FlowProblem[], path: string, state: string | undefined, ...fragments: string[]): FlowProblem {
  const at = problems.filter((p) => p.path === path);
  expect(at, JSON.stringify(problems, null, 2)).toHaveLength(1);
  const problem = at[0] as FlowProblem;
  expect(problem.state).toBe(state);
  for (const f of fragments) expect(problem.message).toContain(f);
  return problem;
}

export const working = (flow: FlowJson) => flow.states.working.states as FlowJson;

export const caseRegion = '/1/7/42/';

export function officer(overrides: Partial<FlowActor> = {}): FlowActor {
  return { personId: '11', role: 'officer', regionPath: caseRegion, isAssignedOfficer: true, isDelegate: false, ...overrides };
}

export function supervisor(regionPath = '/1/7/', overrides: Partial<FlowActor> = {}): FlowActor {
  return { personId: '21', role: 'supervisor', regionPath, isAssignedOfficer: false, isDelegate: false, ...overrides };
}

export function admin(): FlowActor {
  return { personId: '1', role: 'admin', regionPath: '', isAssignedOfficer: false, isDelegate: false };
}
