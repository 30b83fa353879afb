// Looks states up by key in a validated flow (keys are unique across the flow), with their card
// actions: for the engine, the diagram and the diff.
import type { CardAction, FlowDefinition, FlowStateNode } from './flow-types.ts';
import { walkStates } from './walk-states.ts';
import type { StateEntry } from './walk-states.ts';

export interface FlowState extends StateEntry {
  node: FlowStateNode & Record<string, unknown>;
}

export function indexFlowStates(flow: FlowDefinition): Map<string, FlowState> {
  return new Map(walkStates(flow).map((e) => [e.key, e as FlowState]));
}

/** The states a case can be in (not compound wrappers, not history pseudo-states). */
export function caseStates(flow: FlowDefinition): FlowState[] {
  return [...indexFlowStates(flow).values()].filter((s) => s.kind === 'atomic' || s.kind === 'final');
}

/**
 * The card button for an event in a state: the state's own card, or for a transition declared on a
 * compound state, the first descendant card that has the button.
 */
export function findCardAction(flow: FlowDefinition, stateKey: string, event: string): CardAction | undefined {
  const state = indexFlowStates(flow).get(stateKey);
  const search = (s: FlowState): CardAction | undefined =>
    s.node.meta?.card?.actions.find((a) => a.event === event) ?? s.children.map((c) => search(c as FlowState)).find((a) => a !== undefined);
  return state ? search(state) : undefined;
}

/** The leaf state key of an XState state value: "verifying" for { working: "verifying" }. */
export function leafStateKey(value: string | Record<string, unknown>): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? [''];
  return child === undefined || (typeof child === 'object' && child !== null && Object.keys(child).length === 0)
    ? key
    : leafStateKey(child as string | Record<string, unknown>);
}

/** The XState state value of a state key ({ working: "planning" }), e.g. for machine.resolveState. */
export function stateValueOf(flow: FlowDefinition, key: string): string | Record<string, unknown> | undefined {
  const state = indexFlowStates(flow).get(key);
  if (!state) return undefined;
  let value: string | Record<string, unknown> = state.key;
  for (let parent = state.parent; parent; parent = parent.parent) value = { [parent.key]: value };
  return value;
}
