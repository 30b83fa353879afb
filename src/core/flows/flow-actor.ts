// Starting and restoring a case's actor: one actor lifetime per request (restore → send → persist
// → stop). Nothing here keeps time; the engine persists getPersistedSnapshot() after each event.
import { createActor } from 'xstate';
import type { Actor, Snapshot } from 'xstate';
import type { FlowMachine } from './build-flow-machine.ts';
import type { FlowInput } from './flow-types.ts';

export function startFlowActor(machine: FlowMachine, input: FlowInput): Actor<FlowMachine> {
  return createActor(machine, { input }).start();
}

/** A persisted snapshot brings its own context: the input XState's types demand is not read. */
export function restoreFlowActor(machine: FlowMachine, snapshot: Snapshot<unknown>): Actor<FlowMachine> {
  return createActor(machine, { snapshot, input: undefined as unknown as FlowInput }).start();
}
