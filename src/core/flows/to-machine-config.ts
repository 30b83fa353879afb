// The XState config of a flow as buildFlowMachine uses it: the file's config, with every named
// action and guard given the state that declares the transition as a parameter ({ state }), so
// recordForm knows where a form belongs and hasRequiredForm which card to check.
import type { FlowDefinition, FlowStateNode, FlowTransition, FlowTransitionObject } from './flow-types.ts';

type Named = { type: string; params: { state: string } };
type MachineTransition = string | (Omit<FlowTransitionObject, 'guard' | 'actions'> & { guard?: Named; actions?: Named[] });
type MachineState = Omit<FlowStateNode, 'on' | 'states'> & {
  on?: Record<string, MachineTransition | MachineTransition[]>;
  states?: Record<string, MachineState>;
};

export function toMachineConfig(flow: FlowDefinition): {
  id: string;
  version: string;
  initial: string;
  states: Record<string, MachineState>;
} {
  return { id: flow.id, version: String(flow.version), initial: flow.initial, states: mapStates(flow.states) };
}

function mapStates(states: Record<string, FlowStateNode>): Record<string, MachineState> {
  return Object.fromEntries(Object.entries(states).map(([key, node]) => [key, mapState(key, node)]));
}

function mapState(key: string, node: FlowStateNode): MachineState {
  const { on, states, ...rest } = node;
  const out: MachineState = { ...rest };
  if (on) out.on = Object.fromEntries(Object.entries(on).map(([event, t]) => [event, mapTransition(key, t)]));
  if (states) out.states = mapStates(states);
  return out;
}

function mapTransition(state: string, t: FlowTransition): MachineTransition | MachineTransition[] {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.map((one) => mapTransition(state, one) as MachineTransition);
  const { guard, actions, ...rest } = t;
  const out: MachineTransition = { ...rest };
  if (guard) out.guard = { type: guard, params: { state } };
  if (actions) out.actions = (Array.isArray(actions) ? actions : [actions]).map((type) => ({ type, params: { state } }));
  return out;
}
