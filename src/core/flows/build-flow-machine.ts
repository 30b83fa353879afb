// Builds the XState machine of a validated flow: the registry's actions and guards by name, the
// case context from the engine's input. The engine restores actors from snapshots, sends events and
// persists; nothing here keeps time.
import { assign, setup } from 'xstate';
import type { FlowContext, FlowDefinition, FlowEvent, FlowInput, StepParams } from './flow-types.ts';
import { createRegistryGuards } from './registry-guards.ts';
import { initialFlowContext, registryActions } from './registry-actions.ts';
import { toMachineConfig } from './to-machine-config.ts';

export function buildFlowMachine(flow: FlowDefinition) {
  const actions = Object.fromEntries(
    Object.entries(registryActions).map(([name, reduce]) => [
      name,
      assign<FlowContext, FlowEvent, StepParams, FlowEvent, never>(({ context, event }, params) => reduce(context, event, params)),
    ]),
  );
  const guards = Object.fromEntries(
    Object.entries(createRegistryGuards(flow)).map(([name, check]) => [
      name,
      ({ context, event }: { context: FlowContext; event: FlowEvent }, params: StepParams) => check(context, event, params),
    ]),
  );
  const config = { ...toMachineConfig(flow), context: ({ input }: { input: FlowInput }) => initialFlowContext(input) };
  return setup({
    types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as FlowInput },
    actions,
    guards,
  }).createMachine(config as never);
}

export type FlowMachine = ReturnType<typeof buildFlowMachine>;
